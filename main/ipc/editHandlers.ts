/** Annotation, label, history and export channels, bound to the app's services (see appHandlers.ts). */
import { SamlabelError } from '../../shared/errors.js';
import type { AppServices } from '../services/app/appServices.js';
import type { UndoScope } from '../services/history/history.js';
import { parseId } from './appHandlers.js';
import type { Handlers } from './register.js';

const scopeOf = (scope: { imageId: string } | 'project'): UndoScope => (scope === 'project' ? 'project' : { imageId: parseId(scope.imageId, 'image') });
const ids = (list: readonly string[], what: string): number[] => list.map((id) => parseId(id, what));

function annotationHandlers(app: AppServices) {
  const store = app.store;
  return {
    'annotations:list': async ({ imageId }) => ({ annotations: await store.call('listAnnotations', parseId(imageId, 'image')) }),
    'annotations:accept': async (r) => {
      const imageId = parseId(r.imageId, 'image');
      const candidate = app.session.candidate(r.maskInputId, imageId);
      const prompts = {
        pointCoords: r.prompts.pointCoords.map((p): [number, number] => [p.x, p.y]),
        pointLabels: [...r.prompts.pointLabels],
        box: r.prompts.box ? ([r.prompts.box.x0, r.prompts.box.y0, r.prompts.box.x1, r.prompts.box.y1] as [number, number, number, number]) : null,
      };
      return store.call('accept', {
        imageId,
        labelId: parseId(r.labelId, 'label'),
        lowRes: candidate.logits.slice(), // its own 256² copy: the kept logits view a whole predict answer
        lowResSize: candidate.lowResSize,
        score: candidate.iouPrediction,
        prompts,
        attributes: r.attributes,
      });
    },
    'annotations:update': ({ annotationId, labelId, attributes, reviewed }) =>
      store.call('updateAnnotation', parseId(annotationId, 'annotation'), {
        labelId: labelId === undefined ? undefined : parseId(labelId, 'label'),
        attributes,
        reviewed,
      }),
    'annotations:markReviewed': async ({ imageId }) => ({ cleared: await store.call('markImageReviewed', parseId(imageId, 'image')) }),
    'annotations:delete': async ({ annotationIds }) => ({ deleted: await store.call('deleteAnnotations', ids(annotationIds, 'annotation')) }),
    'annotations:reorder': async ({ imageId, annotationIds }) => ({
      annotations: await store.call('reorderAnnotations', parseId(imageId, 'image'), ids(annotationIds, 'annotation')),
    }),
  } satisfies Partial<Handlers>;
}

function labelHandlers(app: AppServices) {
  const store = app.store;
  const label = (id: string) => parseId(id, 'label');
  return {
    'labels:list': async () => ({ labels: await store.call('listLabels') }),
    'labels:add': ({ name, color, hotkey }) => store.call('editLabel', { op: 'add', name, color, hotkey }),
    'labels:rename': ({ labelId, name }) => store.call('editLabel', { op: 'rename', labelId: label(labelId), name }),
    'labels:recolour': ({ labelId, color }) => store.call('editLabel', { op: 'recolour', labelId: label(labelId), color }),
    'labels:setHotkey': ({ labelId, hotkey }) => store.call('editLabel', { op: 'setHotkey', labelId: label(labelId), hotkey }),
    'labels:remove': async ({ labelId, cascade, reassignTo }) => ({
      affected: await store.call('removeLabel', label(labelId), { cascade, reassignTo: reassignTo === undefined ? undefined : label(reassignTo) }),
    }),
  } satisfies Partial<Handlers>;
}

function historyAndExportHandlers(app: AppServices) {
  const store = app.store;
  return {
    'history:undo': ({ scope }) => store.call('undo', scopeOf(scope)),
    'history:redo': ({ scope }) => store.call('redo', scopeOf(scope)),
    'history:state': ({ scope }) => store.call('historyState', scopeOf(scope)),
    'export:start': async (request) => {
      const folder = await store.call('currentFolder');
      if (folder === null) throw new SamlabelError('ProjectNotFound', 'no project is open');
      return app.exports.start(folder, request);
    },
    'export:cancel': async ({ exportId }) => ({ cancelled: await app.exports.cancel(exportId) }),
  } satisfies Partial<Handlers>;
}

export function editHandlers(app: AppServices) {
  return { ...annotationHandlers(app), ...labelHandlers(app), ...historyAndExportHandlers(app) };
}
