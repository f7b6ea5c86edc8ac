/**
 * The English message catalog: every string the renderer shows. Another language is one more file
 * (`es.ts`) that `satisfies Catalog`, so a missing or misspelt key is a compile error there.
 * Placeholders are `{name}`; `format` in i18n.ts fills them.
 */
import { autoEn } from './autoEn.js';
import { exportLabelsEn } from './exportLabelsEn.js';

export const en = {
  'app.title': 'samlabel',
  'app.loading': 'Loading…',
  'app.noTransport': 'The app cannot reach its backend: {message}',
  'app.openFolder': 'Open folder',
  'app.openPath': 'Project folder path',
  'app.recent': 'Recent projects',
  'app.noProject': 'No project is open.',
  'app.crashed': 'Something went wrong: {message}',
  'app.reload': 'Reload',

  'gallery.title': 'Images',
  'gallery.count': '{total} images',
  'gallery.empty': 'No images match the filter.',
  'gallery.filterStatus': 'Status',
  'gallery.filterLabel': 'Label',
  'gallery.filterAll': 'All',
  'gallery.annotations': '{count} masks',
  'status.new': 'To do',
  'status.in_progress': 'In progress',
  'status.done': 'Done',
  'status.skipped': 'Skipped',
  'status.missing': 'Missing',

  'editor.prevImage': 'Previous image',
  'editor.nextImage': 'Next image',
  'editor.fit': 'Fit',
  'editor.noImage': 'Choose an image in the gallery.',
  'editor.imageLabel': 'Image {name}, {width}×{height}',
  'editor.imageFailed': 'The image {name} could not be shown.',
  'editor.markDone': 'Mark done',
  'editor.markSkipped': 'Skip',
  'editor.hint': 'Click: include · Right/Shift-click: exclude · Drag: box · Enter: accept · ?: shortcuts',

  'candidates.title': 'Candidates',
  'candidates.item': 'Candidate {n}',
  'candidates.score': 'IoU {score}',
  'candidates.stability': 'stability {stability}',
  'candidates.none': 'Click an object to see its masks.',
  'candidates.accept': 'Accept',
  'candidates.acceptAs': 'Accept as {label}',

  'labels.title': 'Label',
  'labels.none': 'No labels yet: type one to add it.',
  'labels.add': 'Add label',
  'labels.newName': 'New label name',
  'labels.hotkey': 'Ctrl+{n}',
  'labels.needOne': 'Pick or add a label before accepting.',

  'annotations.title': 'Annotations',
  'annotations.empty': 'No accepted masks on this image.',
  'annotations.item': '{label} · {area} px',
  'annotations.hide': 'Hide',
  'annotations.show': 'Show',
  'annotations.delete': 'Delete',
  'annotations.up': 'Bring forward',
  'annotations.down': 'Send backward',
  'annotations.changeLabel': 'Change label',

  'history.undo': 'Undo',
  'history.redo': 'Redo',

  'statusBar.model': 'Model: {model}',
  'statusBar.provider': 'Provider: {provider}',
  'statusBar.providerFallback': 'GPU requested, running on {provider}',
  'statusBar.embedding.none': 'No embedding',
  'statusBar.embedding.computing': 'Computing embedding…',
  'statusBar.embedding.ready': 'Embedding ready',
  'statusBar.latency': 'Last click: {ms} ms',
  'statusBar.precompute': 'Precomputed {done}/{total}',
  'statusBar.unknown': 'unknown',

  'toast.dismiss': 'Dismiss',
  'toast.error': '{code}: {message}',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.close': 'Close',
  'shortcuts.prevImage': 'Previous image',
  'shortcuts.nextImage': 'Next image',
  'shortcuts.prevTodo': 'Previous image not done',
  'shortcuts.nextTodo': 'Next image not done',
  'shortcuts.fit': 'Fit image to the window',
  'shortcuts.removePrompt': 'Remove the last prompt',
  'shortcuts.clearPrompts': 'Clear the prompts',
  'shortcuts.candidate': 'Choose candidate 1, 2 or 3',
  'shortcuts.cycle': 'Cycle the candidates',
  'shortcuts.accept': 'Accept the chosen mask with the current label',
  'shortcuts.acceptNext': 'Accept and go to the next image',
  'shortcuts.pickLabel': 'Pick label 1…9',
  'shortcuts.undo': 'Undo',
  'shortcuts.redo': 'Redo',
  'shortcuts.help': 'Show this help',
  'shortcuts.include': 'Include point',
  'shortcuts.exclude': 'Exclude point',
  'shortcuts.box': 'Box prompt',
  'shortcuts.pan': 'Pan',
  'shortcuts.zoom': 'Zoom at the cursor',
  'keys.click': 'Click',
  'keys.rightClick': 'Right-click / Shift+click',
  'keys.drag': 'Drag',
  'keys.pan': 'Space+drag / middle button',
  'keys.wheel': 'Wheel',
  ...autoEn,
  ...exportLabelsEn,
} as const;

export type MessageKey = keyof typeof en;
/** The shape every translation must have: the same keys, any wording. */
export type Catalog = { readonly [K in MessageKey]: string };
