/**
 * Import boxes (Auto panel): a detector's boxes from a file in the project → SAM masks flagged for
 * review, in the background. Main lists the sources (the page never names a file); the list is re-read
 * when the section appears and on request. State in renderer/editor/boxesImport.ts; test ids in
 * docs/UI-TESTIDS.md.
 */
import { useEffect, type ReactElement } from 'react';
import type { BoxesImport, BoxesMode } from '../../editor/boxesImport.js';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';

export function BoxesImportSection({ model }: { model: BoxesImport }): ReactElement {
  const { sources, sourceId, mode } = useObservable(model);
  const job = useObservable(model.job);
  const busy = job.phase === 'starting' || job.phase === 'running';
  useEffect(() => void model.refresh(), [model]);
  return (
    <div className="auto-batch boxes-import">
      <div className="auto-actions">
        <select data-testid="boxes-source" aria-label={t('boxes.source')} value={sourceId ?? ''} disabled={busy || sources.length === 0} onChange={(e) => model.select(e.target.value)}>
          {sources.length === 0 && <option value="">{t('boxes.none')}</option>}
          {sources.map((s) => (
            <option key={s.sourceId} value={s.sourceId}>
              {t(s.kind === 'yolo' ? 'boxes.yolo' : 'boxes.coco', { name: s.name })}
            </option>
          ))}
        </select>
        <select aria-label={t('boxes.mode')} value={mode} disabled={busy} onChange={(e) => model.setMode(e.target.value as BoxesMode)}>
          <option value="single">{t('boxes.single')}</option>
          <option value="best-of-3">{t('boxes.bestOf3')}</option>
        </select>
        <button type="button" title={t('boxes.refresh')} disabled={busy} onClick={() => void model.refresh()}>
          ↻
        </button>
      </div>
      <button type="button" data-testid="boxes-import" disabled={busy || sourceId === null} onClick={() => void model.run()}>
        {t('boxes.import')}
      </button>
      {busy && (
        <div className="auto-progress" data-testid="boxes-progress" data-done={job.imagesDone} data-total={job.imagesTotal}>
          <progress max={Math.max(job.imagesTotal, 1)} value={job.imagesDone} className="auto-progress" />
          <span className="muted">{t('auto.batchRunning', { done: job.imagesDone, total: job.imagesTotal })}</span>
          <button type="button" data-testid="boxes-cancel" onClick={() => void model.job.cancel()}>
            {t('auto.cancel')}
          </button>
        </div>
      )}
      {job.phase === 'done' && (
        <p className="muted" data-testid="boxes-done" data-records={job.records}>
          {t('boxes.done', { records: job.records })}
        </p>
      )}
      {job.phase === 'cancelled' && <p className="muted">{t('auto.cancelled')}</p>}
    </div>
  );
}
