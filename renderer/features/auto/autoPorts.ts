/**
 * The Auto panel's state machines bound to the client and the workspace (as ports.ts does for the
 * editor). Their `auto` events come through the workspace's one subscription.
 */
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { AutoBatch } from '../../editor/autoBatch.js';
import { AutoReview } from '../../editor/autoReview.js';
import { BoxesImport } from '../../editor/boxesImport.js';
import { t } from '../../i18n/i18n.js';
import type { AnnotationsModel } from '../../editor/annotations.js';
import type { GalleryModel } from '../gallery/galleryModel.js';

interface Parts {
  readonly annotations: AnnotationsModel;
  readonly gallery: GalleryModel;
  readonly onError: (error: unknown) => void;
}

export function createAutoReview(client: SamlabelClient, parts: Parts): AutoReview {
  const review = new AutoReview({
    start: async (imageId) => (await client.auto.start({ imageId })).jobId,
    cancel: (jobId) => client.auto.cancel({ jobId }),
    results: async (jobId) => (await client.auto.results({ jobId })).records,
    accept: (jobId, recordIds, labelId) => client.auto.accept({ jobId, recordIds: [...recordIds], labelId }),
    accepted: async (imageId) => {
      await parts.annotations.reload();
      parts.gallery.patch(await client.image.info({ imageId }));
    },
    noLabel: () => parts.onError(new Error(t('labels.needOne'))),
    onError: parts.onError,
  });
  return review;
}

/** Pages through the gallery's filter: the batch runs on what the person sees listed. */
async function listedImageIds(client: SamlabelClient, gallery: GalleryModel): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { total, images } = await client.project.listImages({ offset, limit: PAGE, ...gallery.query() });
    ids.push(...images.map((i) => i.imageId));
    if (images.length === 0 || offset + PAGE >= Math.min(total, MAX_BATCH)) return ids.slice(0, MAX_BATCH);
  }
}

const PAGE = 1000;
/** auto:startBatch's limit. */
const MAX_BATCH = 100_000;

export function createAutoBatch(client: SamlabelClient, parts: Parts): AutoBatch {
  const batch = new AutoBatch({
    listImages: () => listedImageIds(client, parts.gallery),
    start: async (imageIds, labelId) => (await client.auto.startBatch({ imageIds: [...imageIds], ...(labelId ? { labelId } : {}) })).jobId,
    cancel: (jobId) => client.auto.cancel({ jobId }),
    finished: () => {
      parts.gallery.refresh();
      void parts.annotations.reload();
    },
    onError: parts.onError,
  });
  return batch;
}

/** Import boxes: main lists the project's detection sources and runs the import; the page only picks an id. */
export function createBoxesImport(client: SamlabelClient, parts: Parts & { readonly reloadLabels: () => Promise<void> }): BoxesImport {
  return new BoxesImport({
    list: async () => (await client.auto.listDetections({})).sources,
    start: async (sourceId, mode) => (await client.auto.importBoxes({ sourceId, mode })).jobId,
    cancel: (jobId) => client.auto.cancel({ jobId }),
    finished: () => {
      parts.gallery.refresh();
      // The detections' class names may have become new labels: the annotation list names them.
      void parts.reloadLabels().then(() => parts.annotations.reload(), parts.onError);
    },
    onError: parts.onError,
  });
}
