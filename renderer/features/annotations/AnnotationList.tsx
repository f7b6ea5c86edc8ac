/**
 * Accepted masks of the image, bottom to top: select, hide, relabel, reorder, delete, mark reviewed —
 * each persisted at once. Masks flagged for review (imports, automatic batches, resized images) carry
 * a badge whose tooltip says why.
 */
import type { ReactElement } from 'react';
import { needsReview, type AnnotationRecord } from '../../editor/annotations.js';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { Label, Workspace } from '../workspace/workspace.js';

export function AnnotationList({ workspace }: { workspace: Workspace }): ReactElement {
  const state = useObservable(workspace.annotations);
  const { labels } = useObservable(workspace);
  // Shown top first: the top of the paint order is what the eye sees first.
  const items = [...state.items].reverse();
  return (
    <section className="panel annotations" aria-label={t('annotations.title')}>
      <h2>{t('annotations.title')}</h2>
      <div className="history">
        <button type="button" data-testid="undo" disabled={state.history.undo === null} onClick={() => void workspace.undo()} title={state.history.undo ?? ''}>
          {t('history.undo')}
        </button>
        <button type="button" data-testid="redo" disabled={state.history.redo === null} onClick={() => void workspace.redo()} title={state.history.redo ?? ''}>
          {t('history.redo')}
        </button>
      </div>
      <ReviewSummary workspace={workspace} count={items.filter(needsReview).length} />
      <ul className="annotation-list" data-testid="annotation-list">
        {items.length === 0 && <li className="muted">{t('annotations.empty')}</li>}
        {items.map((a) => (
          <AnnotationItem key={a.annotationId} annotation={a} labels={labels} workspace={workspace} selected={state.selected === a.annotationId} hidden={state.hidden.has(a.annotationId)} />
        ))}
      </ul>
    </section>
  );
}

/** How many masks still need a look, and one button for all of them (one undo step). */
function ReviewSummary({ workspace, count }: { workspace: Workspace; count: number }): ReactElement | null {
  if (count === 0) return null;
  return (
    <div className="review-summary" data-testid="review-summary" data-count={count}>
      <span>{t('annotations.review.count', { n: count })}</span>
      <button type="button" data-testid="review-all" onClick={() => void workspace.annotations.markAllReviewed()}>
        {t('annotations.review.markAll')}
      </button>
    </div>
  );
}

interface ItemProps {
  readonly annotation: AnnotationRecord;
  readonly labels: readonly Label[];
  readonly workspace: Workspace;
  readonly selected: boolean;
  readonly hidden: boolean;
}

function AnnotationItem({ annotation: a, labels, workspace, selected, hidden }: ItemProps): ReactElement {
  const model = workspace.annotations;
  const label = labels.find((l) => l.labelId === a.labelId);
  return (
    <li
      className={selected ? 'annotation-item selected' : 'annotation-item'}
      data-testid="annotation-item"
      data-label={label?.name ?? ''}
      data-area={a.area}
      data-review={a.review ? 'needs_review' : undefined}
      aria-selected={selected}
    >
      <button type="button" className="annotation-name" onClick={() => model.select(selected ? null : a.annotationId)}>
        <span className="swatch" style={{ background: label?.color ?? '#888888' }} />
        {t('annotations.item', { label: label?.name ?? '?', area: a.area })}
      </button>
      <select aria-label={t('annotations.changeLabel')} value={a.labelId} onChange={(e) => void model.setLabel(a.annotationId, e.target.value)}>
        {labels.map((l) => (
          <option key={l.labelId} value={l.labelId}>
            {l.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => model.toggleHidden(a.annotationId)} aria-pressed={hidden}>
        {hidden ? t('annotations.show') : t('annotations.hide')}
      </button>
      <button type="button" onClick={() => void model.move(a.annotationId, 1)} aria-label={t('annotations.up')}>
        ↑
      </button>
      <button type="button" onClick={() => void model.move(a.annotationId, -1)} aria-label={t('annotations.down')}>
        ↓
      </button>
      <button type="button" onClick={() => void model.remove(a.annotationId)}>
        {t('annotations.delete')}
      </button>
      {a.review && <ReviewRow annotationId={a.annotationId} reason={a.review.reason} workspace={workspace} />}
    </li>
  );
}

/** A row of its own under the item, so the name keeps its room: badge, the reason, and the button that clears it. */
function ReviewRow({ annotationId, reason, workspace }: { annotationId: string; reason: string; workspace: Workspace }): ReactElement {
  const why = t('annotations.review.reason', { reason });
  return (
    <div className="review-row" title={why}>
      <span className="review-badge" data-testid="review-badge" title={why}>
        {t('annotations.review.badge')}
      </span>
      <span className="review-reason">{reason}</span>
      <button type="button" className="review-mark" data-testid="mark-reviewed" aria-label={t('annotations.review.markLabel')} title={t('annotations.review.markLabel')} onClick={() => void workspace.annotations.markReviewed(annotationId)}>
        {t('annotations.review.mark')}
      </button>
    </div>
  );
}
