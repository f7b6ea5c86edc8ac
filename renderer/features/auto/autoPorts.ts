/** The Auto panel's state machine bound to the client and the workspace (as ports.ts does for the editor). */
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { AutoReview } from '../../editor/autoReview.js';
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
  client.onEvent((event) => event.type === 'auto' && review.onEvent(event));
  return review;
}
