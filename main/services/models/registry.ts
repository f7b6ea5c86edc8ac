import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Installed models: one folder per id holding the files and a `model.json` manifest written last (temp +
 * rename), so a folder without a manifest is an unfinished install and is never offered to the engine.
 */
export const MANIFEST = 'model.json';

const fileRecord = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The hash was pinned by the catalog (checked at download), not only recorded from what arrived. */
  pinned: z.boolean(),
});

export const manifestSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  family: z.string(),
  contract: z.string().min(1),
  license: z.string(),
  nonCommercial: z.boolean(),
  source: z.enum(['catalog', 'import', 'bundled']),
  encoder: z.string().min(1),
  decoder: z.string().min(1),
  files: z.array(fileRecord),
  installedAt: z.string(),
});
export type ModelManifest = z.infer<typeof manifestSchema>;
export type FileRecord = z.infer<typeof fileRecord>;

export interface InstalledModel {
  readonly manifest: ModelManifest;
  readonly dir: string;
  readonly encoderPath: string;
  readonly decoderPath: string;
}

function readManifest(dir: string): ModelManifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Installed models in `dirs` (the models dir first, then bundled ones); the first folder with an id wins. */
export function listInstalled(dirs: readonly string[]): InstalledModel[] {
  const found = new Map<string, InstalledModel>();
  for (const root of dirs) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = join(root, entry.name);
      const manifest = readManifest(dir);
      if (!manifest || found.has(manifest.id)) continue;
      found.set(manifest.id, { manifest, dir, encoderPath: join(dir, manifest.encoder), decoderPath: join(dir, manifest.decoder) });
    }
  }
  return [...found.values()].sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

export function findInstalled(dirs: readonly string[], id: string): InstalledModel | undefined {
  return listInstalled(dirs).find((m) => m.manifest.id === id);
}

export function writeManifest(dir: string, manifest: ModelManifest): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${MANIFEST}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`);
  renameSync(tmp, join(dir, MANIFEST));
}

/** Removes an installed model from the models dir (bundled models are part of the installer and stay). */
export function removeInstalled(modelsDir: string, id: string): InstalledModel {
  const model = findInstalled([modelsDir], id);
  if (!model) throw new SamlabelError('ModelMissing', `model ${id} is not installed in ${modelsDir}`);
  // The manifest goes first: an interrupted removal leaves an unfinished folder, never a half model that loads.
  rmSync(join(model.dir, MANIFEST), { force: true });
  rmSync(model.dir, { recursive: true, force: true });
  return model;
}

/** Sizes and hashes recorded at the first download of files the catalog could not pin; checked from then on. */
export interface RecordedHashes {
  get(url: string): { size: number; sha256: string } | undefined;
  set(url: string, value: { size: number; sha256: string }): void;
}

export function recordedHashes(modelsDir: string): RecordedHashes {
  const path = join(modelsDir, 'recorded-hashes.json');
  const read = (): Record<string, { size: number; sha256: string }> => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, { size: number; sha256: string }>;
    } catch {
      return {};
    }
  };
  return {
    get: (url) => read()[url],
    set(url, value) {
      mkdirSync(modelsDir, { recursive: true });
      const next = { ...read(), [url]: value };
      writeFileSync(`${path}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    },
  };
}
