import type { Command } from 'commander';
import { addLabel, listLabelClasses, mergeLabels, removeLabel, renameLabel } from '../../services/labels/labels.js';
import { withProject } from '../../services/projects/withProject.js';
import { CliUsageError } from '../errors.js';
import { displayText } from '../../../shared/text/displayText.js';

interface DbOption {
  readonly db?: string;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
/** Label names may come from imported files: printed escaped and cut. */
const shown = displayText;

/** Options for a writing command: the lock owner shown to a refused second writer names it. */
const writer = (opts: DbOption, command: string) => ({ db: opts.db, command: `samlabel labels ${command}` });

/** `samlabel labels list|add|rename|merge|remove <folder> ...`: label classes, each edit undoable in the app. */
export function register(program: Command): void {
  const labels = program.command('labels').description("edit a project's label classes");
  labels
    .command('list <folder>')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--json', 'print JSON')
    .action(async (folder: string, opts: DbOption & { json?: boolean }) => {
      const list = await withProject(folder, { db: opts.db, readOnly: true }, listLabelClasses);
      if (opts.json) return out(JSON.stringify(list, null, 2));
      for (const l of list) out(`${shown(l.name)}\t${l.color}${l.hotkey ? `\tkey ${shown(l.hotkey)}` : ''}${l.supercategory ? `\t(${shown(l.supercategory)})` : ''}`);
    });
  labels
    .command('add <folder> <name>')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--color <hex>', 'colour as #rrggbb (default: next palette colour)')
    .option('--key <char>', 'keyboard key that picks this label in the editor')
    .option('--supercategory <name>', 'COCO supercategory')
    .action(async (folder: string, name: string, opts: DbOption & { color?: string; key?: string; supercategory?: string }) => {
      const label = await withProject(folder, writer(opts, 'add'), (p) =>
        addLabel(p, { name, color: opts.color, hotkey: opts.key, supercategory: opts.supercategory }),
      );
      out(`added label ${shown(label.name)} (${label.color})`);
    });
  registerRenameMergeRemove(labels);
}

function registerRenameMergeRemove(labels: Command): void {
  labels
    .command('rename <folder> <from> <to>')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .action(async (folder: string, from: string, to: string, opts: DbOption) => {
      const label = await withProject(folder, writer(opts, 'rename'), (p) => renameLabel(p, from, to));
      out(`renamed label ${shown(from)} to ${shown(label.name)}`);
    });
  labels
    .command('merge <folder> <source> <target>')
    .description('move every annotation of <source> to <target>, then delete <source>')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .action(async (folder: string, source: string, target: string, opts: DbOption) => {
      const moved = await withProject(folder, writer(opts, 'merge'), (p) => mergeLabels(p, source, target));
      out(`merged label ${shown(source)} into ${shown(target)} (${moved} annotations moved)`);
    });
  labels
    .command('remove <folder> <name>')
    .description('delete a label; one in use needs --cascade or --reassign')
    .option('--db <path>', 'project database, when it is not in <folder>/.samlabel/')
    .option('--cascade', 'also delete the annotations that use it')
    .option('--reassign <label>', 'move its annotations to <label> first')
    .action(async (folder: string, name: string, opts: DbOption & { cascade?: boolean; reassign?: string }) => {
      if (opts.cascade && opts.reassign !== undefined) throw new CliUsageError('use either --cascade or --reassign, not both');
      const n = await withProject(folder, writer(opts, 'remove'), (p) =>
        removeLabel(p, name, { cascade: opts.cascade, reassignTo: opts.reassign }),
      );
      const what = opts.reassign !== undefined ? `${n} annotations moved to ${shown(opts.reassign)}` : `${n} annotations deleted`;
      out(`removed label ${shown(name)} (${what})`);
    });
}
