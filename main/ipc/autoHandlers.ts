/** The `auto:*` channels (shared/ipc/autoContract.ts), bound to one AutoJobs per app (see appHandlers.ts). */
import type { AppServices } from '../services/app/appServices.js';
import { AutoJobs } from '../services/autoApp/jobs.js';
import { parseId } from './appHandlers.js';
import { boxesHandlers } from './boxesHandlers.js';
import type { Handlers } from './register.js';

export function autoHandlers(app: AppServices) {
  const jobs = new AutoJobs(app.session, app.store, app.emit);
  return {
    'auto:start': async ({ imageId, params }) => ({ jobId: await jobs.start(parseId(imageId, 'image'), params) }),
    'auto:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'auto:results': ({ jobId }) => jobs.results(jobId),
    'auto:accept': async ({ jobId, recordIds, labelId }) => ({ annotations: await jobs.accept(jobId, recordIds, parseId(labelId, 'label')) }),
    'auto:startBatch': async ({ imageIds, labelId, params }) => ({
      jobId: await jobs.startBatch(
        imageIds.map((id) => parseId(id, 'image')),
        labelId === undefined ? null : parseId(labelId, 'label'),
        params,
      ),
    }),
    ...boxesHandlers(app, jobs),
  } satisfies Partial<Handlers>;
}
