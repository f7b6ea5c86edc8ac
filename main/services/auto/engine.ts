import type { EngineClient } from '../../inference/engineClient.js';

/** What AMG needs of the engine: set an image (a path, or a crop's bytes) and run batches of points on it. */
export type AmgEngine = Pick<EngineClient, 'setImage' | 'predictPointBatch'>;
