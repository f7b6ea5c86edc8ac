/**
 * The editor element (data-testid "editor"): the fabric stage plus pointer input. Its data attributes
 * are the documented test contract (docs/UI-TESTIDS.md): image id, displayed size and view transform.
 */
import { useLayoutEffect, useRef, type ReactElement } from 'react';
import { SamlabelError } from '../../../shared/errors.js';
import { EditorStage, imageTransform } from '../../canvas/stage.js';
import { t } from '../../i18n/i18n.js';
import { AutoOverlay } from '../auto/AutoOverlay.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';
import { rasterScale } from './overlays.js';
import { useAnnotationOverlays } from './useAnnotationOverlays.js';
import { CANDIDATE_STYLE, HOVER_STYLE, candidateOverlay } from './candidateOverlay.js';
import { useEditorPointer } from './useEditorPointer.js';

export function EditorView({ workspace }: { workspace: Workspace }): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<EditorStage | null>(null);
  const { image, settings } = useObservable(workspace);
  const session = useObservable(workspace.session);
  const { view, image: shownSize } = useObservable(workspace.view);
  const hover = { enabled: settings?.hoverPreview ?? true, delayMs: settings?.hoverDelayMs ?? 120 };
  const { handlers, boxDrag } = useEditorPointer(host, workspace.session, workspace.view, hover);
  const scale = rasterScale(view.scale, window.devicePixelRatio || 1);

  // Layout effects: the stage is told in the same commit that moved the <img> or changed the state, so
  // its frame is the next one (a passive effect runs after a paint, a frame later: a pan would show the
  // overlay lagging the photo, and a click's mask would wait one frame more).
  useLayoutEffect(() => {
    if (!canvas.current || !host.current) return;
    const s = new EditorStage(canvas.current);
    stage.current = s;
    const element = host.current;
    const observer = new ResizeObserver(() => {
      const size = { width: element.clientWidth, height: element.clientHeight };
      s.resize(size);
      workspace.view.setViewport(size);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      s.dispose();
      stage.current = null;
    };
  }, [workspace]);

  const imageId = image?.imageId;
  useLayoutEffect(() => stage.current?.clear(), [imageId]);

  useLayoutEffect(() => stage.current?.setView(view), [view]);

  useAnnotationOverlays(stage, workspace, scale);

  const size = session.imageSize;
  const chosen = session.candidates[session.chosen];
  useLayoutEffect(() => {
    stage.current?.setCandidate(chosen && size ? candidateOverlay(chosen, size, scale, CANDIDATE_STYLE) : null);
  }, [chosen, size, scale]);

  useLayoutEffect(() => {
    const h = session.hover;
    stage.current?.setHover(h && size ? candidateOverlay(h.candidate, size, scale, HOVER_STYLE) : null);
  }, [session.hover, size, scale]);

  useLayoutEffect(() => {
    const points = session.prompts.flatMap((p) => (p.kind === 'point' ? [{ point: p.point, label: p.label }] : []));
    const box = session.prompts.find((p) => p.kind === 'box');
    stage.current?.setPrompts(points, boxDrag ?? (box?.kind === 'box' ? box.box : null));
  }, [session.prompts, boxDrag]);

  const displayed = size ?? shownSize;
  return (
    <div className="editor-frame">
      <div
        ref={host}
        className="editor"
        data-testid="editor"
        tabIndex={0}
        role="application"
        aria-busy={session.decoding || session.embedding === 'computing'}
        aria-label={image ? t('editor.imageLabel', { name: image.fileName, width: image.width, height: image.height }) : t('editor.noImage')}
        data-image-id={image?.imageId ?? ''}
        data-image-width={displayed?.width ?? 0}
        data-image-height={displayed?.height ?? 0}
        data-view-scale={view.scale}
        data-view-x={view.x}
        data-view-y={view.y}
        {...handlers}
      >
        {image && (
          <img
            key={image.imageId}
            className="editor-image"
            src={image.url}
            alt=""
            draggable={false}
            width={image.width}
            height={image.height}
            style={{ transform: imageTransform(view) }}
            onError={() => workspace.onError(new SamlabelError('ImageDecodeError', t('editor.imageFailed', { name: image.fileName })))}
          />
        )}
        <canvas ref={canvas} />
        <AutoOverlay workspace={workspace} />
      </div>
      {!image && <p className="editor-empty muted">{t('editor.noImage')}</p>}
    </div>
  );
}
