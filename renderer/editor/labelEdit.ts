/**
 * Editing one label, headless: rename, recolour, hotkey (saved together, only what changed) and remove
 * with the store's rules. Removing asks the store first; a label in use comes back as LabelInUse, whose
 * message is shown with the two ways out (delete its annotations, or move them to another label) —
 * the store, not this model, decides what "in use" means.
 */
import { isSamlabelError } from '../../shared/errors.js';
import { Observable } from './store.js';

export interface EditableLabel {
  readonly labelId: string;
  readonly name: string;
  readonly color: string;
  readonly hotkey: string | null;
}

export type RemoveChoice = { readonly cascade: true } | { readonly reassignTo: string };

export interface LabelEditPorts {
  rename(labelId: string, name: string): Promise<unknown>;
  recolour(labelId: string, color: string): Promise<unknown>;
  setHotkey(labelId: string, hotkey: string | null): Promise<unknown>;
  remove(labelId: string, choice: RemoveChoice | null): Promise<{ affected: number }>;
  /** After a change: labels re-read; `annotations` when some were deleted or moved. */
  changed(what: { readonly annotations: boolean }): Promise<unknown> | void;
  onError(error: unknown): void;
}

export interface LabelDraft {
  readonly name: string;
  readonly color: string;
  readonly hotkey: string;
}

export interface LabelEditState {
  readonly label: EditableLabel | null;
  readonly draft: LabelDraft;
  /** The store refused a removal: its message, and the choice to make. */
  readonly inUse: string | null;
  readonly reassignTo: string | null;
  readonly busy: boolean;
}

const closed: LabelEditState = { label: null, draft: { name: '', color: '#000000', hotkey: '' }, inUse: null, reassignTo: null, busy: false };

/** The edits a save sends, in order; empty when nothing changed. */
export function changesOf(label: EditableLabel, draft: LabelDraft): ((ports: LabelEditPorts) => Promise<unknown>)[] {
  const name = draft.name.trim();
  const hotkey = draft.hotkey.trim() === '' ? null : draft.hotkey.trim();
  const out: ((ports: LabelEditPorts) => Promise<unknown>)[] = [];
  if (name !== '' && name !== label.name) out.push((p) => p.rename(label.labelId, name));
  if (draft.color.toLowerCase() !== label.color.toLowerCase()) out.push((p) => p.recolour(label.labelId, draft.color));
  if (hotkey !== label.hotkey) out.push((p) => p.setHotkey(label.labelId, hotkey));
  return out;
}

export class LabelEdit extends Observable<LabelEditState> {
  constructor(private readonly ports: LabelEditPorts) {
    super(closed);
  }

  edit(label: EditableLabel): void {
    this.set({ ...closed, label, draft: { name: label.name, color: label.color, hotkey: label.hotkey ?? '' } });
  }

  close(): void {
    this.set(closed);
  }

  setDraft(patch: Partial<LabelDraft>): void {
    this.set({ draft: { ...this.get().draft, ...patch } });
  }

  setReassignTo(labelId: string | null): void {
    this.set({ reassignTo: labelId });
  }

  /** Sends what changed; stops at the first refusal (shown) and stays open so it can be corrected. */
  async save(): Promise<boolean> {
    const { label, draft, busy } = this.get();
    if (!label || busy) return false;
    const changes = changesOf(label, draft);
    if (changes.length === 0) return (this.close(), true);
    return this.busyWith(async () => {
      let sent = 0;
      try {
        for (const change of changes) {
          await change(this.ports);
          sent++;
        }
        this.close();
        return true;
      } catch (error) {
        this.ports.onError(error);
        return false;
      } finally {
        if (sent > 0) await this.ports.changed({ annotations: false });
      }
    });
  }

  /** Plain removal; LabelInUse opens the choice instead of failing. */
  remove(): Promise<boolean> {
    return this.removeWith(null);
  }

  /** Removal with the chosen way out: `cascade`, or the `reassignTo` picked in the choice. */
  confirmRemove(kind: 'cascade' | 'reassign'): Promise<boolean> {
    const { reassignTo } = this.get();
    if (kind === 'cascade') return this.removeWith({ cascade: true });
    if (!reassignTo) return Promise.resolve(false);
    return this.removeWith({ reassignTo });
  }

  private removeWith(choice: RemoveChoice | null): Promise<boolean> {
    const { label, busy } = this.get();
    if (!label || busy) return Promise.resolve(false);
    return this.busyWith(async () => {
      try {
        const { affected } = await this.ports.remove(label.labelId, choice);
        this.close();
        await this.ports.changed({ annotations: affected > 0 });
        return true;
      } catch (error) {
        if (choice === null && isSamlabelError(error, 'LabelInUse')) this.set({ inUse: error.message });
        else this.ports.onError(error);
        return false;
      }
    });
  }

  private async busyWith(work: () => Promise<boolean>): Promise<boolean> {
    this.set({ busy: true });
    try {
      return await work();
    } finally {
      if (this.get().label) this.set({ busy: false });
    }
  }
}
