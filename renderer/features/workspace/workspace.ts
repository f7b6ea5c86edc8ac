/**
 * The open project's working state and every action the UI offers, outside React: the editor session,
 * the annotation list, the gallery, labels, engine status. Components render it and call its methods;
 * keyboard shortcuts go through run(command), so keyboard and mouse share one path.
 */
import type { ResponseOut, SamlabelClient } from '../../../shared/ipc/api.js';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { AnnotationsModel, needsReview } from '../../editor/annotations.js';
import type { Command } from '../../editor/keymap.js';
import { EditorSession } from '../../editor/session.js';
import { Observable } from '../../editor/store.js';
import { t } from '../../i18n/i18n.js';
import { ViewModel } from '../editor/viewModel.js';
import { GalleryModel, type ImageSummary } from '../gallery/galleryModel.js';
import { annotationPorts, sessionPorts } from '../ports.js';
import { createAutoBatch, createAutoReview, createBoxesImport } from '../auto/autoPorts.js';
import type { AutoBatch } from '../../editor/autoBatch.js';
import type { BoxesImport } from '../../editor/boxesImport.js';
import type { AutoReview } from '../../editor/autoReview.js';
import type { ExportRun } from '../../editor/exportRun.js';
import type { LabelEdit } from '../../editor/labelEdit.js';
import { createExportRun } from '../export/exportPorts.js';
import { createLabelEdit } from '../labels/labelEditPorts.js';

export type Label = ResponseOut<'labels:list'>['labels'][number];
export type EngineInfo = ResponseOut<'engine:info'>;
export type PrecomputeStatus = ResponseOut<'engine:precomputeStatus'>;
export type Settings = ResponseOut<'app:getSettings'>;

export interface WorkspaceState {
  readonly image: ImageSummary | null;
  readonly labels: readonly Label[];
  readonly currentLabelId: string | null;
  readonly engine: EngineInfo | null;
  readonly precompute: PrecomputeStatus | null;
  readonly settings: Settings | null;
  readonly helpOpen: boolean;
}

const NOT_DONE = ['new', 'in_progress'] as const;

/** Field by field: the answers are flat records of strings and numbers. */
function sameSummary(a: ImageSummary | null | undefined, b: ImageSummary): boolean {
  return a !== null && a !== undefined && (Object.keys(b) as (keyof ImageSummary)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}
/** Idle time on a ready image before its neighbours are encoded in the background. */
const PRECOMPUTE_IDLE_MS = 1200;

export class Workspace extends Observable<WorkspaceState> {
  readonly session: EditorSession;
  readonly annotations: AnnotationsModel;
  readonly gallery: GalleryModel;
  readonly view = new ViewModel();
  /** Automatic masks of the current image (the Auto panel). */
  readonly auto: AutoReview;
  /** Automatic masks over the gallery's images in the background (flagged for review). */
  readonly autoBatch: AutoBatch;
  /** Detector boxes from a file in the project → masks flagged for review (Import boxes). */
  readonly boxesImport: BoxesImport;
  /** The export dialog and the label editor. */
  readonly exports: ExportRun;
  readonly labelEdit: LabelEdit;
  private readonly unsubscribe: () => void;
  private precomputeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The image whose neighbours were queued last (once per visit). */
  private precomputedFrom: string | null = null;

  constructor(
    private readonly client: SamlabelClient,
    /** Where failures go (the toasts); public so views report their own failures the same way. */
    readonly onError: (error: unknown) => void,
  ) {
    super({ image: null, labels: [], currentLabelId: null, engine: null, precompute: null, settings: null, helpOpen: false });
    this.session = new EditorSession(sessionPorts(client, onError));
    this.annotations = new AnnotationsModel(annotationPorts(client, onError));
    this.gallery = new GalleryModel(client, onError);
    this.auto = createAutoReview(client, { annotations: this.annotations, gallery: this.gallery, onError });
    this.autoBatch = createAutoBatch(client, { annotations: this.annotations, gallery: this.gallery, onError });
    this.boxesImport = createBoxesImport(client, { annotations: this.annotations, gallery: this.gallery, onError, reloadLabels: () => this.reloadLabels() });
    this.exports = createExportRun(client, onError);
    this.labelEdit = createLabelEdit(client, {
      reloadLabels: () => this.reloadLabels(),
      reloadAnnotations: async () => (this.gallery.refresh(), this.annotations.reload()),
      onError,
    });
    const offEvents = client.onEvent((event) => this.onEvent(event));
    const offSession = this.session.subscribe(() => this.armPrecompute());
    this.unsubscribe = () => {
      offEvents();
      offSession();
      clearTimeout(this.precomputeTimer);
    };
  }

  /** Loads everything the first screen shows; failures become toasts, never a blank page. */
  async start(): Promise<void> {
    this.gallery.setFilter({ status: null, labelId: null });
    await Promise.all([this.reloadLabels(), this.loadEngine(), this.loadSettings()]);
  }

  dispose(): void {
    this.unsubscribe();
    this.session.close();
  }

  /**
   * Shows an image. A gallery row is what image:info answers, so with the row at hand nothing waits:
   * the engine's setImage goes first (the store worker answers in order, and it is what the first
   * click waits for), then the annotations, then a fresh image:info in case the row is stale.
   */
  async openImage(imageId: string): Promise<void> {
    const row = this.gallery.find(imageId);
    if (row) {
      this.show(row);
      return this.refreshImage(imageId);
    }
    try {
      this.show(await this.client.image.info({ imageId }));
    } catch (error) {
      this.onError(error);
    }
  }

  /** Previous/next in the gallery's filter; `notDone` skips finished images. Stays put at the ends. */
  async step(direction: 'next' | 'previous', notDone = false): Promise<void> {
    const from = this.get().image?.imageId;
    if (!from) {
      const first = this.gallery.itemAt(0);
      if (first) await this.openImage(first.imageId);
      return;
    }
    const query = this.gallery.query();
    const status = notDone ? [...NOT_DONE] : query.status;
    // The loaded rows answer as the store would, unless "not done" searches outside the gallery's status filter.
    const local = notDone && query.status ? undefined : this.gallery.neighbour(from, direction, status);
    if (local) return this.openImage(local.imageId);
    try {
      const { imageId } = await this.client.project.findImage({ from, direction, ...query, ...(status ? { status } : {}) });
      if (imageId) await this.openImage(imageId);
    } catch (error) {
      this.onError(error);
    }
  }

  /** The session first: its setImage is the one request the editor waits for before a click. */
  private show(image: ImageSummary): void {
    void this.session.open(image.imageId);
    this.set({ image });
    this.view.setImage({ width: image.width, height: image.height });
    void this.annotations.open(image.imageId);
  }

  /** Keeps the chosen candidate with the current label; persisted before this resolves. */
  async accept(andNext = false): Promise<void> {
    const acceptable = this.session.acceptable();
    if (!acceptable) return;
    const labelId = this.get().currentLabelId;
    if (!labelId) return this.onError(new Error(t('labels.needOne')));
    const { prompts } = acceptable;
    const points = prompts.flatMap((p) => (p.kind === 'point' ? [p] : []));
    const box = prompts.find((p) => p.kind === 'box');
    const ok = await this.annotations.accept({
      imageId: acceptable.imageId,
      maskInputId: acceptable.candidate.maskInputId,
      labelId,
      prompts: {
        pointCoords: points.map((p) => ({ x: p.point.x, y: p.point.y })),
        pointLabels: points.map((p) => p.label),
        ...(box?.kind === 'box' ? { box: { x0: box.box.x0, y0: box.box.y0, x1: box.box.x1, y1: box.box.y1 } } : {}),
      },
    });
    if (!ok) return;
    this.session.clearPrompts();
    await Promise.all([this.refreshImage(acceptable.imageId), this.reloadLabels()]);
    if (andNext) await this.step('next');
  }

  async undo(): Promise<void> {
    if (await this.annotations.undo()) await this.refreshImage(this.get().image?.imageId);
  }

  async redo(): Promise<void> {
    if (await this.annotations.redo()) await this.refreshImage(this.get().image?.imageId);
  }

  async setStatus(status: 'done' | 'skipped' | 'in_progress' | 'new'): Promise<void> {
    const imageId = this.get().image?.imageId;
    if (!imageId) return;
    try {
      const image = await this.client.project.setImageStatus({ imageId, status });
      this.set({ image });
      this.gallery.patch(image);
      await this.annotations.reload();
    } catch (error) {
      this.onError(error);
    }
  }

  pickLabel(labelId: string): void {
    this.set({ currentLabelId: labelId });
  }

  /** Ctrl+1…9: the label with that hotkey, else the n-th label in order. */
  pickLabelByIndex(index: number): void {
    const { labels } = this.get();
    const byHotkey = labels.find((l) => l.hotkey === String(index + 1));
    const label = byHotkey ?? labels[index];
    if (label) this.pickLabel(label.labelId);
  }

  async addLabel(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    try {
      const label = await this.client.labels.add({ name: trimmed });
      await this.reloadLabels();
      this.pickLabel(label.labelId);
    } catch (error) {
      this.onError(error);
    }
  }

  toggleHelp(open = !this.get().helpOpen): void {
    this.set({ helpOpen: open });
  }

  /** One keyboard command. Returns false when it did not apply (so the key keeps its default). */
  run(command: Command): boolean {
    const s = this.session;
    const hasCandidates = s.get().candidates.length > 0;
    const done = (action: () => unknown): true => {
      void action();
      return true;
    };
    switch (command.type) {
      case 'prevImage':
        return done(() => this.step('previous'));
      case 'nextImage':
        return done(() => this.step('next'));
      case 'prevTodo':
        return done(() => this.step('previous', true));
      case 'nextTodo':
        return done(() => this.step('next', true));
      case 'fit':
        return done(() => this.view.fit());
      case 'removePrompt':
        return done(() => s.removeLastPrompt());
      case 'clearPrompts':
        return done(() => (this.get().helpOpen ? this.toggleHelp(false) : s.clearPrompts()));
      case 'cycle':
        return hasCandidates && done(() => s.cycle());
      case 'candidate':
        return hasCandidates && done(() => s.choose(command.index));
      case 'accept':
        return hasCandidates && done(() => this.accept());
      case 'acceptNext':
        return done(() => (hasCandidates ? this.accept(true) : this.step('next')));
      case 'label':
        return done(() => this.pickLabelByIndex(command.index));
      case 'undo':
        return done(() => this.undo());
      case 'redo':
        return done(() => this.redo());
      case 'help':
        return done(() => this.toggleHelp());
      case 'review':
        return this.annotations.get().items.some(needsReview) && done(() => this.annotations.reviewSelected());
      case 'auto': {
        const imageId = this.get().image?.imageId;
        return imageId !== undefined && done(() => this.auto.run(imageId));
      }
    }
  }

  private async refreshImage(imageId: string | undefined): Promise<void> {
    if (!imageId) return;
    try {
      const image = await this.client.image.info({ imageId });
      // An unchanged answer changes nothing: no re-render of the editor and gallery for it.
      if (this.get().image?.imageId === imageId && !sameSummary(this.get().image, image)) this.set({ image });
      if (!sameSummary(this.gallery.find(imageId), image)) this.gallery.patch(image);
    } catch (error) {
      this.onError(error);
    }
  }

  async reloadLabels(): Promise<void> {
    try {
      const { labels } = await this.client.labels.list();
      const current = this.get().currentLabelId;
      const keep = labels.some((l) => l.labelId === current);
      this.set({ labels, currentLabelId: keep ? current : (labels[0]?.labelId ?? null) });
    } catch (error) {
      this.onError(error);
    }
  }

  private async loadEngine(): Promise<void> {
    try {
      const [engine, precompute] = await Promise.all([this.client.engine.info(), this.client.engine.precomputeStatus()]);
      this.set({ engine, precompute });
    } catch (error) {
      this.onError(error);
    }
  }

  private async loadSettings(): Promise<void> {
    try {
      this.set({ settings: await this.client.app.getSettings() });
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * The engine holds one image and cannot stop an encoder run half-way, so a background encode makes
   * the next click wait for it. The neighbours are queued only once the person has been idle on a
   * ready image for PRECOMPUTE_IDLE_MS; every click or preview restarts the wait.
   */
  private armPrecompute(): void {
    const { imageId, embedding, decoding } = this.session.get();
    clearTimeout(this.precomputeTimer);
    if (!imageId || embedding !== 'ready' || decoding || this.precomputedFrom === imageId) return;
    this.precomputeTimer = setTimeout(() => {
      if (this.session.get().imageId !== imageId) return;
      this.precomputedFrom = imageId;
      this.precomputeAround(imageId);
    }, PRECOMPUTE_IDLE_MS);
  }

  /** Background embeddings: the next images, then the previous one (the current one is setImage's). */
  private precomputeAround(imageId: string): void {
    const ahead = this.get().settings?.precomputeAhead ?? 2;
    if (ahead === 0) return;
    const total = this.gallery.get().total ?? 0;
    let at = -1;
    for (let i = 0; i < total && at === -1; i++) if (this.gallery.itemAt(i)?.imageId === imageId) at = i;
    if (at === -1) return;
    const ids = [...Array.from({ length: ahead }, (_, k) => at + 1 + k), at - 1]
      .map((i) => this.gallery.itemAt(i)?.imageId)
      .filter((id): id is string => id !== undefined);
    if (ids.length > 0) this.client.engine.precompute({ imageIds: ids }).then((precompute) => this.set({ precompute }), this.onError);
  }

  private onEvent(event: AppEvent): void {
    if (event.type === 'auto') {
      this.auto.onEvent(event);
      this.autoBatch.onEvent(event);
      this.boxesImport.onEvent(event);
    } else if (event.type === 'engine') this.set({ engine: event.info });
    else if (event.type === 'precompute') this.set({ precompute: event.status });
    else if (event.type === 'project' || (event.type === 'scan' && (event.phase === 'done' || this.gallery.get().total === 0))) {
      // The served folder is scanned as it opens: the first images appear without waiting for the end.
      this.gallery.refresh();
    }
  }
}
