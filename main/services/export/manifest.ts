import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SamlabelError } from '../../../shared/errors.js';
import { EXPORT_MARKER } from '../projects/scanWalk.js';
import { walkExportFolder } from './walk.js';

/**
 * Every export folder carries a manifest: each file it wrote with size and sha256, each image link with its
 * target. It is written last, so a folder without it was never finished; `--overwrite` replaces only a folder
 * whose files it lists, and `--verify` (or verifyManifest) proves the folder is what was written. It is the
 * scan's export marker too (a folder holding it is not scanned for images), and hidden, so importers reading
 * every `*.json` of a folder never take it for data.
 */
export const MANIFEST_FILE = EXPORT_MARKER;
export const MANIFEST_FORMAT = 'samlabel-export-manifest';
/** Size cap when reading a manifest back: a hostile or damaged file must not be read without bound. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

const fileEntry = z.strictObject({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const linkEntry = z.strictObject({ path: z.string().min(1), link: z.string().min(1) });
export type ManifestEntry = z.infer<typeof fileEntry> | z.infer<typeof linkEntry>;

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  exportFormat: z.string(),
  files: z.array(z.union([fileEntry, linkEntry])),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function manifestText(exportFormat: string, entries: readonly ManifestEntry[]): string {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ format: MANIFEST_FORMAT, version: 1, exportFormat, files }, null, 1)}\n`;
}

/** The manifest at `path`, or null when there is none; a manifest that does not parse is an error, not "none". */
export async function readManifest(path: string): Promise<Manifest | null> {
  const info = await lstat(path).catch(() => null);
  if (info === null) return null;
  const notOurs = (why: string): SamlabelError => new SamlabelError('ExportRefused', `${path} is not a samlabel export manifest${why}`);
  if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) throw notOurs('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw notOurs(' (not JSON)');
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) throw notOurs('');
  return result.data;
}

export interface ManifestProblem {
  readonly path: string;
  readonly problem: 'missing' | 'size' | 'sha256' | 'link' | 'unlisted';
}

export interface ManifestCheck {
  readonly files: number;
  readonly problems: ManifestProblem[];
}

/**
 * Re-hashes every file the manifest lists (paths relative to `root`) and re-reads every link. For an export
 * folder (`manifestPath` omitted: root/samlabel-export.json) files it does not list are problems too; a
 * beside-images manifest lists files among the user's own, so there only listed files are checked.
 */
export async function verifyManifest(root: string, manifestPath?: string): Promise<ManifestCheck> {
  const path = manifestPath ?? join(root, MANIFEST_FILE);
  const manifest = await readManifest(path);
  if (manifest === null) throw new SamlabelError('ExportError', `${root} holds no ${MANIFEST_FILE}: not a complete samlabel export`);
  const problems: ManifestProblem[] = [];
  const listed = new Set<string>([MANIFEST_FILE]);
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const problem = await checkEntry(root, entry);
    if (problem !== null) problems.push({ path: entry.path, problem });
  }
  if (manifestPath === undefined) {
    for await (const rel of walkExportFolder(root)) if (!listed.has(rel)) problems.push({ path: rel, problem: 'unlisted' });
  }
  return { files: manifest.files.length, problems };
}

async function checkEntry(dir: string, entry: ManifestEntry): Promise<ManifestProblem['problem'] | null> {
  const path = join(dir, ...entry.path.split('/'));
  const info = await lstat(path).catch(() => null);
  if (info === null) return 'missing';
  if ('link' in entry) return info.isSymbolicLink() && (await readlink(path)) === entry.link ? null : 'link';
  if (!info.isFile()) return 'missing';
  if (info.size !== entry.size) return 'size';
  return sha256(await readFile(path)) === entry.sha256 ? null : 'sha256';
}
