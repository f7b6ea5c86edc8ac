export { EXPORT_MARKER } from '../../main/services/projects/scanWalk.js';
export { HEAD_BYTES as HEAD_BYTES_FOR_TESTS } from '../../main/services/projects/scanInspect.js';
