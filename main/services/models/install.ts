import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import type { CatalogEntry, CatalogFile } from './catalogSchema.js';
import { downloadFile, type DownloadProgress, type Expected } from './download.js';
import { hashFile } from './hashFile.js';
import { isUrl } from './source.js';
import { recordedHashes, writeManifest, type FileRecord, type InstalledModel, type ModelManifest } from './registry.js';
import { extractZip, memberPath } from './zip.js';

export interface InstallOptions {
  readonly modelsDir: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: (p: DownloadProgress) => void;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** `bundled` for the release build's copy of the default model. */
  readonly source?: 'catalog' | 'bundled';
}

/** SAMLABEL_MODELS_MIRROR: an http(s) URL or a folder serving the catalog's files under the same names. */
export function fileSource(file: CatalogFile, env: NodeJS.ProcessEnv): string {
  const mirror = env.SAMLABEL_MODELS_MIRROR;
  if (!mirror) return file.url;
  return isUrl(mirror) ? `${mirror.replace(/\/+$/, '')}/${encodeURIComponent(file.name)}` : join(mirror, file.name);
}

/** The catalog's pin, else what the first download recorded, else nothing (that download records it). */
function expectedFor(file: CatalogFile, modelsDir: string): Expected & { pinned: boolean } {
  if (file.sha256) return { size: file.size, sha256: file.sha256, pinned: true };
  const recorded = recordedHashes(modelsDir).get(file.url);
  return recorded ? { ...recorded, pinned: false } : { size: file.size, sha256: null, pinned: false };
}

async function fetchFiles(entry: CatalogEntry, downloads: string, opts: InstallOptions): Promise<Map<string, FileRecord>> {
  const env = opts.env ?? process.env;
  const got = new Map<string, FileRecord>();
  for (const file of entry.files) {
    const expected = expectedFor(file, opts.modelsDir);
    const dest = join(downloads, file.name);
    const actual = await downloadFile({ source: fileSource(file, env), dest, expected, env, onProgress: opts.onProgress, retries: opts.retries, backoffMs: opts.backoffMs });
    if (!expected.sha256) recordedHashes(opts.modelsDir).set(file.url, actual);
    got.set(file.role, { name: file.name, ...actual, pinned: expected.pinned });
  }
  return got;
}

/** Moves downloaded files (or an archive's members) into the staging folder; returns the encoder/decoder records. */
async function stage(entry: CatalogEntry, downloads: string, staging: string, got: Map<string, FileRecord>): Promise<{ encoder: FileRecord; decoder: FileRecord }> {
  await mkdir(staging, { recursive: true });
  const archive = got.get('archive');
  if (archive && entry.archiveMembers) {
    const members = await extractZip(join(downloads, archive.name), staging);
    const record = async (member: string): Promise<FileRecord> => {
      if (!members.includes(member)) throw new SamlabelError('ModelInvalid', `${archive.name} has no member ${member} (it holds ${members.join(', ')})`);
      return { name: member, ...(await hashFile(memberPath(staging, member))), pinned: archive.pinned };
    };
    return { encoder: await record(entry.archiveMembers.encoder), decoder: await record(entry.archiveMembers.decoder) };
  }
  const encoder = got.get('encoder');
  const decoder = got.get('decoder');
  if (!encoder || !decoder) throw new SamlabelError('ModelInvalid', `${entry.id}: catalog entry lacks an encoder or decoder file`);
  for (const f of [encoder, decoder]) await rename(join(downloads, f.name), join(staging, f.name));
  return { encoder, decoder };
}

/**
 * Downloads a catalog model, verifies every file, and installs it atomically: files go to a staging folder,
 * the manifest is written last and the folder renamed into place; the part files of an interrupted run stay
 * in `.downloads/<id>/` so the next run resumes them.
 */
export async function installCatalogModel(entry: CatalogEntry, opts: InstallOptions): Promise<InstalledModel> {
  const downloads = join(opts.modelsDir, '.downloads', entry.id);
  const staging = join(opts.modelsDir, `.staging-${entry.id}-${process.pid}`);
  const final = join(opts.modelsDir, entry.id);
  const got = await fetchFiles(entry, downloads, opts);
  await rm(staging, { recursive: true, force: true });
  try {
    const { encoder, decoder } = await stage(entry, downloads, staging, got);
    const manifest: ModelManifest = {
      id: entry.id,
      name: entry.name,
      family: entry.family,
      contract: entry.contract,
      license: entry.license,
      nonCommercial: entry.nonCommercial,
      source: opts.source ?? 'catalog',
      encoder: encoder.name,
      decoder: decoder.name,
      files: [encoder, decoder],
      installedAt: new Date().toISOString(),
    };
    writeManifest(staging, manifest);
    if (existsSync(final)) await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    await rm(downloads, { recursive: true, force: true });
    return { manifest, dir: final, encoderPath: join(final, encoder.name), decoderPath: join(final, decoder.name) };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}

export const describeSource = (file: CatalogFile, env: NodeJS.ProcessEnv): string => (env.SAMLABEL_MODELS_MIRROR ? `mirror ${fileSource(file, env)}` : basename(file.url));
