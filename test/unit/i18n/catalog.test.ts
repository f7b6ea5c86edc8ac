import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en.js';
import { format, pickCatalog } from '../../../renderer/i18n/i18n.js';

/** Every .tsx file under a folder. */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{shown} of {total}', { shown: 3, total: 10 })).toBe('3 of 10');
    expect(format('hello {who}')).toBe('hello {who}');
  });

  it('falls back to English for a language without a catalog', () => {
    expect(pickCatalog(['xx-YY'])).toBe(en);
    expect(pickCatalog([])).toBe(en);
  });

  it('components write no UI text inline: JSX text nodes hold no letters', () => {
    const offenders: string[] = [];
    for (const file of tsxFiles('renderer')) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node): void => {
        if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) offenders.push(`${file}: ${node.text.trim()}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });

  it('every key the renderer uses exists in the catalog', () => {
    const used = new Set<string>();
    for (const file of tsxFiles('renderer')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(match[1]);
    }
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });
});
