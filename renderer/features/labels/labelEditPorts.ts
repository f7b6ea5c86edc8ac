/** The label editor bound to the client; after a change the workspace re-reads labels (and annotations). */
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import { LabelEdit } from '../../editor/labelEdit.js';

interface Parts {
  /** Labels changed: re-list them (names, colours, counts). */
  readonly reloadLabels: () => Promise<void>;
  /** Annotations were deleted or moved: the open image's list and the gallery re-read. */
  readonly reloadAnnotations: () => Promise<void>;
  readonly onError: (error: unknown) => void;
}

export function createLabelEdit(client: SamlabelClient, parts: Parts): LabelEdit {
  return new LabelEdit({
    rename: (labelId, name) => client.labels.rename({ labelId, name }),
    recolour: (labelId, color) => client.labels.recolour({ labelId, color }),
    setHotkey: (labelId, hotkey) => client.labels.setHotkey({ labelId, hotkey }),
    remove: (labelId, choice) => client.labels.remove({ labelId, ...(choice ?? {}) }),
    changed: ({ annotations }) => Promise.all([parts.reloadLabels(), annotations ? parts.reloadAnnotations() : undefined]),
    onError: parts.onError,
  });
}
