import { SamlabelError } from '../../../shared/errors.js';

/**
 * The part of Ultralytics' data.yaml an import needs: `path`, `train`/`val`/`test` (a folder or a list of them) and
 * `names` (a map `0: person`, a block list `- person` or a flow list `[person, car]`). Not a YAML parser: the
 * project has no YAML dependency and these files are this shape in practice (Ultralytics' own, Roboflow's, ours).
 */
export interface DataYaml {
  readonly path?: string;
  readonly splits: ReadonlyArray<{ readonly name: string; readonly dirs: string[] }>;
  readonly names: ReadonlyMap<number, string>;
}

const SPLIT_KEYS = ['train', 'val', 'test'];

export function parseDataYaml(text: string, source: string): DataYaml {
  const top = new Map<string, { inline: string; block: string[] }>();
  let current: { inline: string; block: string[] } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = stripComment(raw);
    if (line.trim() === '') continue;
    // YAML lets a block list sit at its key's own indentation (`names:` then `- a`).
    const continues = /^\s/.test(line) || line.startsWith('-');
    if (continues && current !== undefined) {
      current.block.push(line.trim());
      continue;
    }
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line.trim());
    if (m === null) throw new SamlabelError('ImportError', `${source}: cannot read line "${raw.trim()}"`);
    current = { inline: m[2].trim(), block: [] };
    top.set(m[1], current);
  }
  const path = top.get('path');
  const splits = SPLIT_KEYS.flatMap((name) => {
    const entry = top.get(name);
    const dirs = entry === undefined ? [] : listValue(entry).map(unquote).filter((d) => d !== '' && d !== 'null');
    return dirs.length === 0 ? [] : [{ name, dirs }];
  });
  const namesEntry = top.get('names');
  return { path: path === undefined ? undefined : unquote(path.inline), splits, names: namesEntry === undefined ? new Map() : namesValue(namesEntry) };
}

/** A `#` starts a comment outside quotes when it begins the line or follows a space. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) return JSON.parse(v) as string;
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** Items of a flow list `[a, 'b']`, a block list `- a`, or a single scalar. */
function listValue(entry: { inline: string; block: string[] }): string[] {
  if (entry.inline.startsWith('[') && entry.inline.endsWith(']')) return splitFlow(entry.inline.slice(1, -1));
  if (entry.inline !== '') return [entry.inline];
  return entry.block.filter((l) => l.startsWith('-')).map((l) => l.slice(1).trim());
}

function namesValue(entry: { inline: string; block: string[] }): Map<number, string> {
  const names = new Map<number, string>();
  const inline = entry.inline;
  const pairs = inline.startsWith('{') ? splitFlow(inline.slice(1, -1)) : entry.block.filter((l) => !l.startsWith('-'));
  if (pairs.length > 0 && !inline.startsWith('[')) {
    for (const pair of pairs) {
      const m = /^(\d+)\s*:\s*(.*)$/.exec(pair.trim());
      if (m !== null) names.set(Number(m[1]), unquote(m[2]));
    }
    return names;
  }
  listValue(entry).forEach((name, i) => names.set(i, unquote(name)));
  return names;
}

/** Splits a flow collection's body on top-level commas, leaving quoted commas alone. */
function splitFlow(body: string): string[] {
  const items: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (body.slice(start).trim() !== '') items.push(body.slice(start).trim());
  return items;
}
