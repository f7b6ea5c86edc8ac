import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { detectFamily, type FamilyAdapter } from '../../inference/families/index.js';
import { graphInfo } from '../../inference/families/graphInfo.js';
import { decodeModel } from '../../inference/onnxGraph.js';
import { hashFile } from './hashFile.js';
import { findInstalled, writeManifest, type InstalledModel } from './registry.js';

export interface ImportOptions {
  readonly modelsDir: string;
  readonly family?: string;
  readonly name?: string;
}

async function readGraph(path: string, role: string) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new SamlabelError('ModelMissing', `${role} ${path} not found`);
  }
  return graphInfo(decodeModel(bytes, `${role} ${basename(path)}`));
}

/** Reads both graphs and names their family, or refuses the pair in one line (swapped, mismatched, unknown). */
export async function inspectPair(encoderPath: string, decoderPath: string, family?: string): Promise<FamilyAdapter> {
  const [enc, dec] = await Promise.all([readGraph(encoderPath, 'encoder'), readGraph(decoderPath, 'decoder')]);
  return detectFamily(enc, dec, family);
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\.onnx$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64) || 'model';

/**
 * `samlabel models import enc.onnx dec.onnx`: inspects the pair, copies both files into the models dir under
 * a new id with their sizes and hashes recorded, so `--model <id>` runs exactly these bytes from then on.
 */
export async function importModel(encoderPath: string, decoderPath: string, opts: ImportOptions): Promise<InstalledModel> {
  const family = await inspectPair(encoderPath, decoderPath, opts.family);
  const id = slug(opts.name ?? `imported-${basename(encoderPath)}`);
  if (findInstalled([opts.modelsDir], id)) throw new SamlabelError('BadInput', `a model named ${id} is already installed: pick another --name or \`samlabel models remove ${id}\``);
  const staging = join(opts.modelsDir, `.staging-${id}-${process.pid}`);
  const final = join(opts.modelsDir, id);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const names = { encoder: `encoder-${basename(encoderPath)}`, decoder: `decoder-${basename(decoderPath)}` };
    await copyFile(encoderPath, join(staging, names.encoder));
    await copyFile(decoderPath, join(staging, names.decoder));
    const files = [];
    for (const n of [names.encoder, names.decoder]) files.push({ name: n, ...(await hashFile(join(staging, n))), pinned: false });
    writeManifest(staging, {
      id,
      name: opts.name ?? `${basename(encoderPath)} + ${basename(decoderPath)}`,
      family: family.label,
      contract: family.id,
      license: 'unknown (imported by the user)',
      nonCommercial: false,
      source: 'import',
      encoder: names.encoder,
      decoder: names.decoder,
      files,
      installedAt: new Date().toISOString(),
    });
    await rename(staging, final);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const installed = findInstalled([opts.modelsDir], id);
  if (!installed) throw new SamlabelError('Internal', `import of ${id} left no manifest`);
  return installed;
}
