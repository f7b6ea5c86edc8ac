import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutDirCheck } from './target.js';

/**
 * An export is written into a hidden sibling of its output folder and renamed into place at the end, so a
 * killed export leaves nothing that looks complete: the output folder is the earlier one, absent, or the new
 * one whole. Siblings are named `.<name>.samlabel-<staging|old>-<pid>-<random>`; those of a dead process are
 * removed by the next export to the same place.
 */
const SIBLING = /^\.(.+)\.samlabel-(staging|old)-(\d+)-[0-9a-f]+$/;

function sibling(realDir: string, kind: 'staging' | 'old'): string {
  return join(dirname(realDir), `.${basename(realDir)}.samlabel-${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Creates the staging folder (and the output's parent), after clearing leftovers of killed exports. */
export async function createStaging(realDir: string): Promise<string> {
  await mkdir(dirname(realDir), { recursive: true });
  await removeDeadSiblings(realDir);
  const staging = sibling(realDir, 'staging');
  await mkdir(staging);
  return staging;
}

/** Puts the finished staging folder where the output goes; an earlier export is moved aside, then removed. */
export async function publishStaging(staging: string, target: OutDirCheck): Promise<void> {
  const { realDir, state } = target;
  if (state === 'empty') await rmdir(realDir);
  if (state !== 'earlier-export') {
    await rename(staging, realDir);
    return;
  }
  const old = sibling(realDir, 'old');
  await rename(realDir, old);
  await rename(staging, realDir);
  await rm(old, { recursive: true, force: true });
}

export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}

async function removeDeadSiblings(realDir: string): Promise<void> {
  const name = basename(realDir);
  for (const entry of await readdir(dirname(realDir))) {
    const match = SIBLING.exec(entry);
    if (match === null || match[1] !== name || isAlive(Number(match[3]))) continue;
    await rm(join(dirname(realDir), entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
