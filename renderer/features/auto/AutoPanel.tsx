/**
 * The Auto panel: run automatic mask generation on the current image (button or G), watch progress,
 * cancel, then review the masks largest first — accept with a label, reject, one by one or in bulk.
 * Test ids in docs/UI-TESTIDS.md; state in renderer/editor/autoReview.ts.
 */
import type { ReactElement } from 'react';
import { autoColor } from '../../canvas/autoLayer.js';
import type { AutoRecord, AutoReview } from '../../editor/autoReview.js';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import { BoxesImportSection } from './BoxesImportSection.js';
import type { Label, Workspace } from '../workspace/workspace.js';
import './auto.css';

export function AutoPanel({ workspace }: { workspace: Workspace }): ReactElement {
  const auto = useObservable(workspace.auto);
  const { image, labels, currentLabelId } = useObservable(workspace);
  const model = workspace.auto;
  const here = image !== null && auto.imageId === image.imageId;
  const running = here && auto.phase === 'running';
  const reviewing = here && auto.phase === 'review';
  return (
    <section className="panel auto" aria-label={t('auto.title')}>
      <h2>{t('auto.title')}</h2>
      <div className="auto-actions">
        <button type="button" data-testid="auto-run" title={t('auto.runTitle')} disabled={!image || running} onClick={() => image && void model.run(image.imageId)}>
          {t('auto.run')}
        </button>
        {running && (
          <button type="button" data-testid="auto-cancel" onClick={() => void model.cancel()}>
            {t('auto.cancel')}
          </button>
        )}
        {reviewing && (
          <button type="button" onClick={() => model.close()}>
            {t('auto.close')}
          </button>
        )}
      </div>
      {running && <Progress done={auto.progress.done} total={auto.progress.total} />}
      {here && auto.phase === 'cancelled' && <p className="muted">{t('auto.cancelled')}</p>}
      {here && auto.phase === 'failed' && <p className="muted">{t('auto.failed')}</p>}
      {reviewing && <Review model={model} labels={labels} currentLabelId={currentLabelId} />}
      <BatchSection workspace={workspace} />
      <BoxesImportSection model={workspace.boxesImport} />
    </section>
  );
}

/** The gallery's listed images in the background: masks added for review, progress, cancel. */
function BatchSection({ workspace }: { workspace: Workspace }): ReactElement {
  const batch = useObservable(workspace.autoBatch);
  const { total } = useObservable(workspace.gallery);
  const { currentLabelId } = useObservable(workspace);
  const busy = batch.phase === 'starting' || batch.phase === 'running';
  return (
    <div className="auto-batch">
      <button type="button" data-testid="auto-batch" disabled={busy || !total} onClick={() => void workspace.autoBatch.run(currentLabelId)}>
        {t('auto.batch', { count: total ?? 0 })}
      </button>
      {busy && (
        <div className="auto-progress" data-testid="auto-batch-progress" data-done={batch.imagesDone} data-total={batch.imagesTotal}>
          <progress max={Math.max(batch.imagesTotal, 1)} value={batch.imagesDone} className="auto-progress" />
          <span className="muted">
            {batch.pointsTotal > 0
              ? t('auto.batchPoints', { done: batch.imagesDone, total: batch.imagesTotal, points: batch.pointsDone, pointsTotal: batch.pointsTotal })
              : t('auto.batchRunning', { done: batch.imagesDone, total: batch.imagesTotal })}
          </span>
          <button type="button" data-testid="auto-batch-cancel" onClick={() => void workspace.autoBatch.cancel()}>
            {t('auto.cancel')}
          </button>
        </div>
      )}
      {batch.phase === 'done' && <p className="muted" data-testid="auto-batch-done" data-records={batch.records}>{t('auto.batchDone', { records: batch.records, images: batch.imagesDone })}</p>}
      {batch.phase === 'cancelled' && <p className="muted">{t('auto.cancelled')}</p>}
    </div>
  );
}

function Progress({ done, total }: { done: number; total: number }): ReactElement {
  return (
    <div className="auto-progress" data-testid="auto-progress" data-done={done} data-total={total}>
      <progress max={Math.max(total, 1)} value={done} className="auto-progress" />
      <span className="muted">{t('auto.running', { done, total })}</span>
    </div>
  );
}

interface ReviewProps {
  readonly model: AutoReview;
  readonly labels: readonly Label[];
  readonly currentLabelId: string | null;
}

function Review({ model, labels, currentLabelId }: ReviewProps): ReactElement {
  const s = useObservable(model);
  const none = s.records.length === 0;
  return (
    <>
      <p className="muted">{none ? t('auto.none') : t('auto.count', { count: s.records.length })}</p>
      <div className="auto-actions">
        <button type="button" className="primary" data-testid="auto-accept-all" disabled={none || s.busy} onClick={() => void model.acceptAll(currentLabelId)}>
          {t('auto.acceptAll')}
        </button>
        <button type="button" data-testid="auto-accept-selected" disabled={s.selected.size === 0 || s.busy} onClick={() => void model.acceptSelected(currentLabelId)}>
          {t('auto.acceptSelected', { count: s.selected.size })}
        </button>
        <button type="button" data-testid="auto-reject-all" disabled={none || s.busy} onClick={() => model.rejectAll()}>
          {t('auto.rejectAll')}
        </button>
      </div>
      <ul className="auto-list" data-testid="auto-list">
        {s.records.map((r, i) => (
          <AutoItem key={r.recordId} n={i + 1} record={r} model={model} labels={labels} color={s.order.get(r.recordId) ?? 0} selected={s.selected.has(r.recordId)} labelId={s.labels.get(r.recordId) ?? currentLabelId} busy={s.busy} />
        ))}
      </ul>
    </>
  );
}

interface ItemProps {
  readonly n: number;
  readonly record: AutoRecord;
  readonly model: AutoReview;
  readonly labels: readonly Label[];
  readonly color: number;
  readonly selected: boolean;
  readonly labelId: string | null;
  readonly busy: boolean;
}

function AutoItem({ n, record: r, model, labels, color, selected, labelId, busy }: ItemProps): ReactElement {
  const [red, green, blue] = autoColor(color);
  return (
    <li className="auto-item" data-testid="auto-item" data-record-id={r.recordId} data-area={r.area} data-score={r.predicted_iou} data-bbox={r.bbox.join(',')} aria-selected={selected}>
      <input type="checkbox" checked={selected} aria-label={t('auto.select', { n })} onChange={() => model.toggleSelected(r.recordId)} />
      <span>
        <span className="swatch" style={{ background: `rgb(${red}, ${green}, ${blue})` }} />{' '}
        {t('auto.item', { area: r.area, score: r.predicted_iou.toFixed(3), stability: r.stability_score.toFixed(3) })}
      </span>
      <button type="button" data-testid="auto-accept" disabled={busy} onClick={() => void model.accept([r.recordId], labelId)}>
        {t('auto.accept')}
      </button>
      <button type="button" data-testid="auto-reject" disabled={busy} onClick={() => model.reject([r.recordId])}>
        {t('auto.reject')}
      </button>
      <select aria-label={t('auto.label', { n })} value={labelId ?? ''} onChange={(e) => model.setLabel(r.recordId, e.target.value)}>
        {labels.map((l) => (
          <option key={l.labelId} value={l.labelId}>
            {l.name}
          </option>
        ))}
      </select>
    </li>
  );
}
