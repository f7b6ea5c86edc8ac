/** The three candidates side by side: a small preview, predicted IoU and stability; 1/2/3 or a click chooses. */
import { useEffect, useRef, type ReactElement } from 'react';
import type { Candidate } from '../../editor/candidates.js';
import type { CellWindow } from '../../../shared/sam/lowResCells.js';
import { previewWindow } from '../../canvas/maskRaster.js';
import { paintPreview } from '../../canvas/preview.js';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';
import { CANDIDATE_STYLE } from './candidateOverlay.js';

export function CandidatePanel({ workspace }: { workspace: Workspace }): ReactElement {
  const session = useObservable(workspace.session);
  const { currentLabelId, labels } = useObservable(workspace);
  const label = labels.find((l) => l.labelId === currentLabelId);
  const canAccept = workspace.session.acceptable() !== null;
  const { candidates } = session;
  // One window for all three, so the previews compare at the same scale (a scan of ~40k cells each).
  const window = candidates.length > 0 ? previewWindow(candidates.map((c) => c.cells), candidates[0].grid) : undefined;
  return (
    <section className="panel candidates" aria-label={t('candidates.title')}>
      <h2>{t('candidates.title')}</h2>
      {session.candidates.length === 0 && <p className="muted">{t('candidates.none')}</p>}
      <div className="candidate-row">
        {session.candidates.map((c, i) => (
          <CandidateButton key={i} index={i} candidate={c} window={window} chosen={i === session.chosen} onChoose={() => workspace.session.choose(i)} />
        ))}
      </div>
      <button type="button" className="primary" data-testid="accept" disabled={!canAccept} onClick={() => void workspace.accept()}>
        {label ? t('candidates.acceptAs', { label: label.name }) : t('candidates.accept')}
      </button>
    </section>
  );
}

interface CandidateButtonProps {
  readonly index: number;
  readonly candidate: Candidate;
  readonly window: CellWindow | undefined;
  readonly chosen: boolean;
  readonly onChoose: () => void;
}

function CandidateButton({ index, candidate, window, chosen, onChoose }: CandidateButtonProps): ReactElement {
  const preview = useRef<HTMLCanvasElement>(null);
  // Keyed by value: the window is recomputed each render, and a candidate whose exact logits arrive later keeps its cells.
  useEffect(() => {
    const target = preview.current;
    if (!target) return;
    // After the next frame: the chosen mask on the photo is what the person waits for (this effect runs
    // synchronously in the same commit); the three small previews can arrive a frame later.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => paintPreview(target, candidate.cells, candidate.grid, CANDIDATE_STYLE, window), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [candidate.cells, candidate.grid, window?.c0, window?.r0, window?.c1, window?.r1]);
  return (
    <button
      type="button"
      className={chosen ? 'candidate chosen' : 'candidate'}
      data-testid={`candidate-${index + 1}`}
      data-score={candidate.score}
      data-stability={candidate.stability}
      aria-pressed={chosen}
      aria-label={t('candidates.item', { n: index + 1 })}
      onClick={onChoose}
    >
      <canvas ref={preview} className="candidate-preview" />
      <span className="candidate-key">{index + 1}</span>
      <span>{t('candidates.score', { score: candidate.score.toFixed(3) })}</span>
      <span>{t('candidates.stability', { stability: candidate.stability.toFixed(3) })}</span>
    </button>
  );
}
