/**
 * Result files of `samlabel auto`: one JSON per image (records in SAM's names), written atomically so
 * an interrupted folder run resumes where it stopped; binary_mask segmentations go to PNGs beside it.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { AmgRecord } from '../../../shared/masks/amg/records.js';
import type { BinaryMask } from '../../../shared/masks/types.js';
import type { AmgResult } from './generator.js';

/** `<out>/<relPath without extension>.json`. */
export function resultPath(outDir: string, relPath: string): string {
  return join(outDir, `${relPath.replace(/\.[^./]+$/, '')}.json`);
}

export const isDone = (outDir: string, relPath: string): boolean => existsSync(resultPath(outDir, relPath));

async function writeMaskPng(path: string, mask: BinaryMask): Promise<void> {
  const pixels = Buffer.alloc(mask.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = mask.data[i] ? 255 : 0;
  await sharp(pixels, { raw: { width: mask.width, height: mask.height, channels: 1 } }).toColourspace('b-w').png().toFile(path);
}

/** binary_mask records with their mask replaced by the PNG's path relative to the result file (SAM's amg.py also writes PNGs). */
async function externalizeMasks(records: AmgRecord[], jsonPath: string): Promise<Array<Omit<AmgRecord, 'segmentation'> & { segmentation: unknown }>> {
  const stem = jsonPath.replace(/\.json$/, '');
  await mkdir(stem, { recursive: true });
  const out = [];
  for (const [i, r] of records.entries()) {
    if (!('data' in r.segmentation)) return records;
    await writeMaskPng(join(stem, `${i}.png`), r.segmentation);
    out.push({ ...r, segmentation: `${stem.split(/[\\/]/).pop()}/${i}.png` });
  }
  return out;
}

export interface ResultHeader {
  readonly image: { readonly path: string; readonly width: number; readonly height: number };
  readonly model: string;
  /** The execution provider that ran, and why it is not the one asked for (null when it is). */
  readonly provider: string;
  readonly provider_fallback: string | null;
  readonly params: Record<string, unknown>;
}

/** The JSON object of one image, and its file written via tmp + rename. */
export async function writeResult(outDir: string, relPath: string, header: ResultHeader, result: AmgResult): Promise<Record<string, unknown>> {
  const path = resultPath(outDir, relPath);
  await mkdir(dirname(path), { recursive: true });
  const records = await externalizeMasks(result.records, path);
  const json = { ...header, stats: roundStats(result.stats), records };
  await writeFile(`${path}.tmp`, `${JSON.stringify(json)}\n`);
  await rename(`${path}.tmp`, path);
  return json;
}

function roundStats(stats: AmgResult['stats']): Record<string, unknown> {
  const t = stats.timingsMs;
  const r = (v: number): number => Math.round(v * 10) / 10;
  return {
    crops: stats.crops,
    points_total: stats.pointsTotal,
    points_skipped: stats.pointsSkipped,
    decoder_runs: stats.decoderRuns,
    timings_ms: { set_image: r(t.setImage), decode: r(t.decode), filter: r(t.filter), total: r(t.total) },
  };
}
