/** The three candidates side by side: a small preview, predicted IoU and stability; 1/2/3 or a click chooses. */
import { useEffect, useRef, type ReactElement, type RefObject } from 'react';
import type { Candidate } from '../../editor/candidates.js';
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
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  usePreviews(candidates, canvases);
  return (
    <section className="panel candidates" aria-label={t('candidates.title')}>
      <h2>{t('candidates.title')}</h2>
      {session.candidates.length === 0 && <p className="muted">{t('candidates.none')}</p>}
      <div className="candidate-row">
        {session.candidates.map((c, i) => (
          <CandidateButton
            key={i}
            index={i}
            candidate={c}
            canvasRef={(el) => void (canvases.current[i] = el)}
            chosen={i === session.chosen}
            onChoose={() => workspace.session.choose(i)}
          />
        ))}
      </div>
      <button type="button" className="primary" data-testid="accept" disabled={!canAccept} onClick={() => void workspace.accept()}>
        {label ? t('candidates.acceptAs', { label: label.name }) : t('candidates.accept')}
      </button>
    </section>
  );
}

/**
 * The previews, painted after the frame that shows the chosen mask on the photo (what the person waits
 * for), all in one window so they compare at one scale. Candidates whose exact logits arrive later keep
 * their cells: nothing to repaint then.
 */
function usePreviews(candidates: readonly Candidate[], canvases: RefObject<(HTMLCanvasElement | null)[]>): void {
  const painted = useRef<readonly Uint8Array[]>([]);
  useEffect(() => {
    const cells = candidates.map((c) => c.cells);
    if (cells.length === painted.current.length && cells.every((c, i) => c === painted.current[i])) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        painted.current = cells;
        if (cells.length === 0) return;
        const grid = candidates[0].grid;
        const view = previewWindow(cells, grid);
        cells.forEach((c, i) => {
          const target = canvases.current[i];
          if (target) paintPreview(target, c, grid, CANDIDATE_STYLE, view);
        });
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [candidates, canvases]);
}

interface CandidateButtonProps {
  readonly index: number;
  readonly candidate: Candidate;
  readonly canvasRef: (el: HTMLCanvasElement | null) => void;
  readonly chosen: boolean;
  readonly onChoose: () => void;
}

function CandidateButton({ index, candidate, canvasRef, chosen, onChoose }: CandidateButtonProps): ReactElement {
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
      <canvas ref={canvasRef} className="candidate-preview" />
      <span className="candidate-key">{index + 1}</span>
      <span>{t('candidates.score', { score: candidate.score.toFixed(3) })}</span>
      <span>{t('candidates.stability', { stability: candidate.stability.toFixed(3) })}</span>
    </button>
  );
}
