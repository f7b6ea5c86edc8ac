/**
 * Every contract channel bound to the app's services (main/services/app). One set of handlers for both
 * front doors: Electron's register() and serve's WebSocket RPC validate requests and responses around
 * these. Ids cross as strings and become row ids here (parseId); paths never come from the page except
 * project:open's, which serve restricts to its folder.
 */
import { resolve } from 'node:path';
import { SamlabelError } from '../../shared/errors.js';
import type { AppServices } from '../services/app/appServices.js';
import type { ImageRow } from '../services/store/imageQueries.js';
import type { ProjectSummaryOut } from '../services/store/storeService.js';
import { autoHandlers } from './autoHandlers.js';
import { editHandlers } from './editHandlers.js';
import type { Handlers } from './register.js';

/** A row id from the page: a positive integer in decimal, nothing else. */
export function parseId(text: string, what: string): number {
  const n = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new SamlabelError('BadInput', `${what} id "${text}" is not one main issued`);
  return n;
}

export function imageSummary(app: AppServices, row: ImageRow) {
  const id = String(row.id);
  return {
    imageId: id,
    fileName: row.relPath,
    width: row.width,
    height: row.height,
    status: row.status,
    annotationCount: row.annotationCount,
    ...app.env.imageUrls(id, row.sha256.slice(0, 16)),
  };
}

const summaryOut = (s: ProjectSummaryOut) => ({ ...s, images: { ...s.images } });

function engineInfo(app: AppServices) {
  const engine = app.session.engine;
  return {
    state: engine.state,
    modelId: engine.info.modelId,
    requestedProvider: app.env.requestedProvider,
    provider: engine.info.provider,
    lowResSize: engine.info.lowResSize,
    warnings: [...engine.warnings],
  };
}

export { engineInfo };

function projectHandlers(app: AppServices) {
  const store = app.store;
  const filter = (r: { status?: ImageRow['status'][]; labelId?: string }) => ({
    status: r.status,
    labelId: r.labelId === undefined ? undefined : parseId(r.labelId, 'label'),
  });
  return {
    'app:version': () => ({ name: app.env.name, version: app.env.version }),
    'app:environment': () => ({ mode: app.env.mode, canPickFolder: app.env.pickFolder !== undefined, platform: app.env.platform }),
    'app:getSettings': () => app.getSettings(),
    'app:setSettings': (patch) => app.setSettings(patch),
    'project:pickFolder': async () => {
      if (!app.env.pickFolder) throw new SamlabelError('BadInput', 'this front end has no folder dialog: serve opens the folder it was started with');
      return { path: await app.env.pickFolder() };
    },
    'project:open': async ({ path }) => {
      const served = app.env.servedFolder;
      if (served !== undefined && resolve(path) !== resolve(served)) {
        throw new SamlabelError('BadInput', `samlabel serve opens only ${served}`);
      }
      return summaryOut(await app.openProject(path));
    },
    'project:recent': () => ({ projects: app.recentProjects() }),
    'project:current': async () => ({ project: (await store.call('currentFolder')) === null ? null : summaryOut(await store.call('summary')) }),
    'project:info': async () => summaryOut(await store.call('summary')),
    'project:scan': async () => {
      const r = await store.call('scan');
      return {
        files: r.files,
        added: r.added,
        changed: r.changed,
        relinked: r.relinked,
        restored: r.restored,
        unchanged: r.unchanged,
        missing: r.missing,
        failed: r.failed,
        cancelled: r.cancelled,
        failures: r.failures.map((f) => ({ fileName: f.relPath, code: f.code, message: f.message })),
      };
    },
    'project:cancelScan': async () => ({ cancelled: await store.call('cancelScan') }),
    'project:listImages': async (r) => {
      const { total, images } = await store.call('listImages', filter(r), r.offset, r.limit);
      return { total, images: images.map((row) => imageSummary(app, row)) };
    },
    'project:findImage': async (r) => {
      const found = await store.call('findImage', parseId(r.from, 'image'), r.direction, filter(r));
      return { imageId: found === null ? null : String(found) };
    },
    'project:setImageStatus': async ({ imageId, status }) => imageSummary(app, await store.call('setImageStatus', parseId(imageId, 'image'), status)),
    'image:info': async ({ imageId }) => imageSummary(app, await store.call('locateImage', parseId(imageId, 'image'))),
  } satisfies Partial<Handlers>;
}

function engineHandlers(app: AppServices) {
  const session = app.session;
  return {
    'engine:setImage': async ({ imageId }) => {
      const r = await session.setImage(parseId(imageId, 'image'));
      return { imageId, width: r.width, height: r.height, cache: r.cache, timingsMs: { ...r.timingsMs } };
    },
    'engine:predict': (r) => session.predict({ ...r, imageId: parseId(r.imageId, 'image') }),
    'engine:candidateLogits': ({ imageId, maskInputId }) => session.candidateLogits(parseId(imageId, 'image'), maskInputId),
    'engine:precompute': ({ imageIds }) => session.precompute(imageIds.map((id) => parseId(id, 'image'))),
    'engine:precomputeStatus': () => session.precomputeStatus(),
    'engine:info': () => engineInfo(app),
  } satisfies Partial<Handlers>;
}

export function createAppHandlers(app: AppServices): Handlers {
  return { ...projectHandlers(app), ...engineHandlers(app), ...editHandlers(app), ...autoHandlers(app) };
}
