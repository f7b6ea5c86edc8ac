/** The virtualised image list: thumbnails, status badges, filters. Only the visible rows exist in the DOM. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type ReactElement } from 'react';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { GalleryModel, ImageStatus, ImageSummary } from './galleryModel.js';

const ROW_HEIGHT = 72;
const STATUSES: readonly ImageStatus[] = ['new', 'in_progress', 'done', 'skipped', 'missing'];

interface GalleryProps {
  readonly model: GalleryModel;
  readonly labels: readonly { labelId: string; name: string }[];
  readonly currentImageId: string | null;
  readonly onOpen: (imageId: string) => void;
}

export function Gallery({ model, labels, currentImageId, onOpen }: GalleryProps): ReactElement {
  const state = useObservable(model);
  const scroller = useRef<HTMLDivElement>(null);
  const count = state.total ?? 0;
  const virtual = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const rows = virtual.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? 0;
  useEffect(() => model.ensure(first, last + 1), [model, first, last, state.version]);

  return (
    <aside className="gallery" data-testid="gallery" aria-label={t('gallery.title')}>
      <GalleryFilters model={model} labels={labels} />
      <p className="gallery-count">{t('gallery.count', { total: count })}</p>
      {state.total === 0 && <p className="muted">{t('gallery.empty')}</p>}
      <div ref={scroller} className="gallery-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => (
            <GalleryRow
              key={row.key}
              image={model.itemAt(row.index)}
              top={row.start}
              current={model.itemAt(row.index)?.imageId === currentImageId}
              onOpen={onOpen}
            />
          ))}
        </div>
      </div>
    </aside>
  );
}

/** Memoised: switching images re-renders the two rows whose `current` changed, not every visible row. */
const GalleryRow = memo(function GalleryRow(props: { image: ImageSummary | undefined; top: number; current: boolean; onOpen: (id: string) => void }): ReactElement {
  const { image, top, current, onOpen } = props;
  const style = { position: 'absolute', top, left: 0, right: 0, height: ROW_HEIGHT } as const;
  if (!image) return <div className="gallery-item placeholder" style={style} />;
  return (
    <button
      type="button"
      className={current ? 'gallery-item current' : 'gallery-item'}
      style={style}
      data-testid="gallery-item"
      data-image-id={image.imageId}
      data-status={image.status}
      aria-current={current ? 'true' : undefined}
      onClick={() => onOpen(image.imageId)}
    >
      <img src={image.thumbUrl} alt="" loading="lazy" width={64} height={64} />
      <span className="gallery-name">{image.fileName}</span>
      <span className={`badge status-${image.status}`}>{t(`status.${image.status}` as MessageKey)}</span>
      <span className="muted">{t('gallery.annotations', { count: image.annotationCount })}</span>
    </button>
  );
});

function GalleryFilters({ model, labels }: { model: GalleryModel; labels: GalleryProps['labels'] }): ReactElement {
  const { filter } = useObservable(model);
  return (
    <div className="gallery-filters">
      <label>
        {t('gallery.filterStatus')}
        <select
          value={filter.status ?? ''}
          onChange={(e) => model.setFilter({ ...filter, status: (e.target.value || null) as ImageStatus | null })}
        >
          <option value="">{t('gallery.filterAll')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('gallery.filterLabel')}
        <select value={filter.labelId ?? ''} onChange={(e) => model.setFilter({ ...filter, labelId: e.target.value || null })}>
          <option value="">{t('gallery.filterAll')}</option>
          {labels.map((l) => (
            <option key={l.labelId} value={l.labelId}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
