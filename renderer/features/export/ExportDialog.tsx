/**
 * The export dialog: format and options, start, progress from `export` events, cancel, and where it was
 * written with the counts. The page never names a path: main writes to `<project>/exports/<format>-<time>/`.
 * The export keeps running when the dialog is closed; reopening shows it. State: editor/exportRun.ts.
 */
import type { KeyboardEvent, ReactElement } from 'react';
import { EXPORT_FORMATS, isRunning, type CocoSeg, type ExportFormat, type ExportRun, type ExportState } from '../../editor/exportRun.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import './export.css';

export function ExportOpenButton({ run }: { run: ExportRun }): ReactElement {
  const { phase } = useObservable(run);
  return (
    <button type="button" data-testid="export-open" title={t('export.openTitle')} aria-busy={isRunning(phase)} onClick={() => run.show()}>
      {t('export.open')}
    </button>
  );
}

export function ExportDialog({ run }: { run: ExportRun }): ReactElement | null {
  const s = useObservable(run);
  if (!s.open) return null;
  const close = () => run.show(false);
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog export-dialog" role="dialog" aria-modal="true" aria-label={t('export.title')} data-testid="export-dialog" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => closeOnEscape(e, close)}>
        <h2>{t('export.title')}</h2>
        <Options run={run} s={s} />
        <p className="muted">{t('export.where')}</p>
        <div className="export-actions">
          <button type="button" className="primary" data-testid="export-start" disabled={isRunning(s.phase)} onClick={() => void run.start()}>
            {t('export.start')}
          </button>
          <button type="button" data-testid="export-close" onClick={close}>
            {t('export.close')}
          </button>
        </div>
        <Outcome run={run} s={s} />
      </div>
    </div>
  );
}

/** Keys typed in the modal stay in it (the editor's shortcuts listen on the window); Esc closes it. */
function closeOnEscape(e: KeyboardEvent, close: () => void): void {
  e.stopPropagation();
  if (e.key === 'Escape') close();
}

function Options({ run, s }: { run: ExportRun; s: ExportState }): ReactElement {
  const locked = isRunning(s.phase);
  const { options } = s;
  return (
    <fieldset className="export-options" disabled={locked}>
      <label>
        {t('export.format')}
        <select data-testid="export-format" autoFocus value={options.format} onChange={(e) => run.setOptions({ format: e.target.value as ExportFormat })}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`export.format.${f}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {options.format === 'coco' && (
        <label>
          {t('export.cocoSeg')}
          <select data-testid="export-coco-seg" value={options.cocoSeg} onChange={(e) => run.setOptions({ cocoSeg: e.target.value as CocoSeg })}>
            <option value="polygon">{t('export.cocoSeg.polygon')}</option>
            <option value="rle">{t('export.cocoSeg.rle')}</option>
          </select>
        </label>
      )}
      <label>
        <input type="checkbox" data-testid="export-only-done" checked={options.onlyDone} onChange={(e) => run.setOptions({ onlyDone: e.target.checked })} />
        {t('export.onlyDone')}
      </label>
      <label>
        <input type="checkbox" data-testid="export-drop-empty" checked={options.dropEmpty} onChange={(e) => run.setOptions({ dropEmpty: e.target.checked })} />
        {t('export.dropEmpty')}
      </label>
    </fieldset>
  );
}

function Outcome({ run, s }: { run: ExportRun; s: ExportState }): ReactElement | null {
  switch (s.phase) {
    case 'idle':
      return null;
    case 'starting':
      return <p className="muted">{t('export.starting')}</p>;
    case 'running': {
      const done = s.progress?.done ?? 0;
      const total = s.progress?.total ?? 0;
      return (
        <div className="export-progress" data-testid="export-progress" data-done={done} data-total={total}>
          <progress max={Math.max(total, 1)} value={done} />
          <span className="muted">{t('export.progress', { done, total })}</span>
          <button type="button" data-testid="export-cancel" onClick={() => void run.cancel()}>
            {t('export.cancel')}
          </button>
        </div>
      );
    }
    case 'done':
      return (
        <div className="export-result" data-testid="export-result" data-out-dir={s.outDir ?? ''} data-images={s.result?.images ?? 0} data-annotations={s.result?.annotations ?? 0} role="status">
          <p>{t('export.done', { images: s.result?.images ?? 0, annotations: s.result?.annotations ?? 0 })}</p>
          <code className="export-path">{s.outDir}</code>
        </div>
      );
    case 'cancelled':
      return <p className="muted">{t('export.cancelled')}</p>;
    case 'failed':
      return <p className="muted">{t('export.failed')}</p>;
  }
}
