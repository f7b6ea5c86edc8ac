/** The current label (Enter accepts with it), one colour per label, Ctrl+1…9 hints, and adding a label. */
import { useState, type FormEvent, type ReactElement } from 'react';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';
import { LabelEditButton, LabelEditor } from './LabelEditor.js';

export function LabelPicker({ workspace }: { workspace: Workspace }): ReactElement {
  const { labels, currentLabelId } = useObservable(workspace);
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void workspace.addLabel(name).then(() => setName(''));
  };
  return (
    <section className="panel labels" aria-label={t('labels.title')}>
      <h2>{t('labels.title')}</h2>
      <div className="label-picker" data-testid="label-picker" role="radiogroup" aria-label={t('labels.title')}>
        {labels.length === 0 && <p className="muted">{t('labels.none')}</p>}
        {labels.map((label, i) => (
          <div key={label.labelId} className="label-row">
            <button
              type="button"
              role="radio"
              aria-checked={label.labelId === currentLabelId}
              className={label.labelId === currentLabelId ? 'label-option current' : 'label-option'}
              data-testid="label-option"
              data-label={label.name}
              onClick={() => workspace.pickLabel(label.labelId)}
            >
              <span className="swatch" style={{ background: label.color }} />
              <span>{label.name}</span>
              {i < 9 && <kbd>{t('labels.hotkey', { n: label.hotkey ?? i + 1 })}</kbd>}
            </button>
            <LabelEditButton workspace={workspace} label={label} />
          </div>
        ))}
      </div>
      <LabelEditor workspace={workspace} />
      <form className="label-add" onSubmit={submit}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('labels.newName')}
          aria-label={t('labels.newName')}
          data-testid="label-new"
        />
        <button type="submit" data-testid="label-add">
          {t('labels.add')}
        </button>
      </form>
    </section>
  );
}
