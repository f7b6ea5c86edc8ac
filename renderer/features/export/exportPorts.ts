/** The export dialog's state machine bound to the client (as ports.ts does for the editor). */
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { ExportRun } from '../../editor/exportRun.js';

export function createExportRun(client: SamlabelClient, onError: (error: unknown) => void): ExportRun {
  const run = new ExportRun({
    start: (request) => client.export.start({ ...request }),
    cancel: (exportId) => client.export.cancel({ exportId }),
    onError,
  });
  client.onEvent((event) => event.type === 'export' && run.onEvent(event));
  return run;
}
