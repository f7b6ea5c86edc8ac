/** The label editor, headless: saves only what changed, and removal follows the store's LabelInUse rule. */
import { describe, expect, it } from 'vitest';
import { SamlabelError } from '../../../shared/errors.js';
import { LabelEdit, type EditableLabel, type LabelEditPorts, type RemoveChoice } from '../../../renderer/editor/labelEdit.js';

const cat: EditableLabel = { labelId: 'L1', name: 'cat', color: '#ff0000', hotkey: null };

/** A tiny store: labels with annotation counts, refusing to remove one in use without a choice. */
function harness(inUse = 0, refuse?: (call: string) => Error | undefined) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const changed: boolean[] = [];
  const call = async (text: string) => {
    calls.push(text);
    const error = refuse?.(text);
    if (error) throw error;
  };
  const ports: LabelEditPorts = {
    rename: (id, name) => call(`rename ${id} ${name}`),
    recolour: (id, color) => call(`recolour ${id} ${color}`),
    setHotkey: (id, hotkey) => call(`hotkey ${id} ${hotkey}`),
    remove: async (id, choice: RemoveChoice | null) => {
      await call(`remove ${id} ${JSON.stringify(choice)}`);
      if (inUse > 0 && choice === null) throw new SamlabelError('LabelInUse', `label "cat" is used by ${inUse} annotation(s)`);
      return { affected: choice ? inUse : 0 };
    },
    changed: ({ annotations }) => void changed.push(annotations),
    onError: (e) => errors.push(e),
  };
  return { model: new LabelEdit(ports), calls, errors, changed };
}

describe('LabelEdit', () => {
  it('opens with the label as the draft', () => {
    const { model } = harness();
    model.edit({ ...cat, hotkey: '3' });
    expect(model.get().draft).toEqual({ name: 'cat', color: '#ff0000', hotkey: '3' });
  });

  it('saves only the fields that changed, then closes and re-reads the labels', async () => {
    const { model, calls, changed } = harness();
    model.edit(cat);
    model.setDraft({ name: '  kitten ', hotkey: '4' });
    expect(await model.save()).toBe(true);
    expect(calls).toEqual(['rename L1 kitten', 'hotkey L1 4']);
    expect(changed).toEqual([false]);
    expect(model.get().label).toBeNull();
  });

  it('an unchanged (or case-only colour) draft sends nothing; an emptied hotkey clears it', async () => {
    const { model, calls } = harness();
    model.edit(cat);
    model.setDraft({ color: '#FF0000', name: '' });
    await model.save();
    expect(calls).toEqual([]);
    model.edit({ ...cat, hotkey: '2' });
    model.setDraft({ hotkey: ' ' });
    await model.save();
    expect(calls).toEqual(['hotkey L1 null']);
  });

  it('a refused edit is shown, stops the rest, and keeps the editor open', async () => {
    const { model, calls, errors, changed } = harness(0, (c) => (c.startsWith('recolour') ? new SamlabelError('BadInput', 'bad colour') : undefined));
    model.edit(cat);
    model.setDraft({ name: 'kitten', color: '#00ff00', hotkey: '5' });
    expect(await model.save()).toBe(false);
    expect(calls).toEqual(['rename L1 kitten', 'recolour L1 #00ff00']);
    expect(errors[0]).toMatchObject({ code: 'BadInput' });
    expect(changed).toEqual([false]);
    expect(model.get().label?.labelId).toBe('L1');
    expect(model.get().busy).toBe(false);
  });

  it('removes an unused label at once', async () => {
    const { model, calls, changed } = harness(0);
    model.edit(cat);
    expect(await model.remove()).toBe(true);
    expect(calls).toEqual(['remove L1 null']);
    expect(changed).toEqual([false]);
    expect(model.get().label).toBeNull();
  });

  it('a label in use shows the store’s message and the choice; cascade deletes its annotations', async () => {
    const { model, calls, errors, changed } = harness(3);
    model.edit(cat);
    expect(await model.remove()).toBe(false);
    expect(model.get().inUse).toBe('label "cat" is used by 3 annotation(s)');
    expect(errors).toEqual([]);
    expect(await model.confirmRemove('cascade')).toBe(true);
    expect(calls).toEqual(['remove L1 null', 'remove L1 {"cascade":true}']);
    expect(changed).toEqual([true]);
  });

  it('reassign needs a target label, then moves the annotations there', async () => {
    const { model, calls } = harness(2);
    model.edit(cat);
    await model.remove();
    expect(await model.confirmRemove('reassign')).toBe(false);
    model.setReassignTo('L2');
    expect(await model.confirmRemove('reassign')).toBe(true);
    expect(calls.at(-1)).toBe('remove L1 {"reassignTo":"L2"}');
    expect(model.get().label).toBeNull();
  });

  it('other removal failures go to the toasts', async () => {
    const { model, errors } = harness(0, (c) => (c.startsWith('remove') ? new SamlabelError('LabelNotFound', 'gone') : undefined));
    model.edit(cat);
    expect(await model.remove()).toBe(false);
    expect(model.get().inUse).toBeNull();
    expect(errors[0]).toMatchObject({ code: 'LabelNotFound' });
  });
});
