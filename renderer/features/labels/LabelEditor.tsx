/**
 * Label management: the per-label edit button and the edit form (rename, colour, hotkey, remove). A
 * label in use cannot simply go: the store answers LabelInUse, shown here with the two ways out. State
 * in renderer/editor/labelEdit.ts; test ids in docs/UI-TESTIDS.md.
 */
import type { FormEvent, ReactElement } from 'react';
import type { LabelEdit } from '../../editor/labelEdit.js';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { Label, Workspace } from '../workspace/workspace.js';
import './labels.css';

export function LabelEditButton({ workspace, label }: { workspace: Workspace; label: Label }): ReactElement {
  return (
    <button type="button" className="label-edit" data-testid="label-edit" data-label={label.name} aria-label={t('labels.edit', { name: label.name })} title={t('labels.edit', { name: label.name })} onClick={() => workspace.labelEdit.edit(label)}>
      ✎
    </button>
  );
}

export function LabelEditor({ workspace }: { workspace: Workspace }): ReactElement | null {
  const model = workspace.labelEdit;
  const s = useObservable(model);
  const { labels } = useObservable(workspace);
  if (!s.label) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void model.save();
  };
  return (
    <form className="label-editor" data-testid="label-editor" data-label-id={s.label.labelId} aria-label={t('labels.editTitle')} onSubmit={submit} aria-busy={s.busy}>
      <h3 className="label-editor-title">{t('labels.editing', { name: s.label.name })}</h3>
      <label>
        {t('labels.rename')}
        <input data-testid="label-rename" value={s.draft.name} onChange={(e) => model.setDraft({ name: e.target.value })} />
      </label>
      <label>
        {t('labels.color')}
        <input type="color" data-testid="label-color" value={s.draft.color} onChange={(e) => model.setDraft({ color: e.target.value })} />
      </label>
      <label>
        {t('labels.hotkeyField')}
        <input data-testid="label-hotkey" value={s.draft.hotkey} maxLength={16} onChange={(e) => model.setDraft({ hotkey: e.target.value })} />
      </label>
      <div className="label-editor-actions">
        <button type="submit" className="primary" data-testid="label-save" disabled={s.busy}>
          {t('labels.save')}
        </button>
        <button type="button" data-testid="label-cancel" onClick={() => model.close()}>
          {t('labels.cancel')}
        </button>
        <button type="button" data-testid="label-remove" disabled={s.busy || s.inUse !== null} onClick={() => void model.remove()}>
          {t('labels.remove')}
        </button>
      </div>
      {s.inUse !== null && <InUseChoice model={model} label={labels.find((l) => l.labelId === s.label?.labelId)} storeMessage={s.inUse} others={labels.filter((l) => l.labelId !== s.label?.labelId)} />}
    </form>
  );
}

interface ChoiceProps {
  readonly model: LabelEdit;
  /** The label as last listed (its count is the store's, re-read after every change). */
  readonly label: Label | undefined;
  /** The store's LabelInUse message: worded for the CLI, so kept as the tooltip. */
  readonly storeMessage: string;
  readonly others: readonly Label[];
}

function InUseChoice({ model, label, storeMessage, others }: ChoiceProps): ReactElement {
  const { reassignTo, busy } = useObservable(model);
  const message = label ? t('labels.inUse', { name: label.name, count: label.annotationCount }) : storeMessage;
  return (
    <div className="label-in-use" data-testid="label-in-use" data-code="LabelInUse" role="alert" title={storeMessage}>
      <p>{message}</p>
      <p className="muted">{t('labels.inUseChoice')}</p>
      <button type="button" data-testid="label-remove-cascade" disabled={busy} onClick={() => void model.confirmRemove('cascade')}>
        {t('labels.removeCascade')}
      </button>
      <label>
        {t('labels.reassign')}
        <select data-testid="label-reassign" value={reassignTo ?? ''} onChange={(e) => model.setReassignTo(e.target.value || null)}>
          <option value="">{t('labels.reassignPick')}</option>
          {others.map((l) => (
            <option key={l.labelId} value={l.labelId}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="label-remove-reassign" disabled={busy || !reassignTo} onClick={() => void model.confirmRemove('reassign')}>
        {t('labels.removeReassign')}
      </button>
    </div>
  );
}
