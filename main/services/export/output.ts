import { copyFile, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { sha256, type ManifestEntry } from './manifest.js';
import type { ExportOptions } from './types.js';

/** What a writer hands back: every path written (final locations) and the manifest entries, relative to outDir. */
export interface OutputRecord {
  readonly files: string[];
  readonly entries: ManifestEntry[];
}

/**
 * Where writers put files. Normally outDir is a fresh staging folder that nothing else uses (exportDataset
 * publishes it whole), so nothing is ever replaced here. Beside-images exports write into the user's folders:
 * each file goes to a hidden sibling first and `commit()` renames them all at the end.
 *
 * Writes run a few at a time in the background while the writer computes the next image (awaiting each
 * mkdir/write/symlink in turn left the export idle for most of its time), and every folder is created once.
 * The first failure is kept and thrown from the next call, so none goes unobserved.
 */
export class ExportOutput {
  private readonly pending = new Set<Promise<void>>();
  private readonly dirs = new Map<string, Promise<void>>();
  private readonly staged: Array<{ from: string; to: string }> = [];
  private failure: unknown = null;
  private readonly files: string[] = [];
  private readonly entries: ManifestEntry[] = [];
  private readonly copyImages: boolean;
  private readonly root: string;
  private readonly besideImages: boolean;
  private readonly onProgress: ((done: number, total: number) => void) | undefined;
  private imagesDone = 0;

  constructor(
    options: Pick<ExportOptions, 'copyImages' | 'outDir' | 'besideImages' | 'onProgress'>,
    private readonly imagesTotal = 0,
    private readonly concurrency = 16,
  ) {
    this.copyImages = options.copyImages === true;
    this.root = options.outDir;
    this.besideImages = options.besideImages === true;
    this.onProgress = options.onProgress;
  }

  /** A writer has handed over everything of one image. */
  imageDone(): void {
    this.onProgress?.(++this.imagesDone, this.imagesTotal);
  }

  /** Writes a label file. */
  async file(path: string, data: string | Uint8Array): Promise<void> {
    this.files.push(path);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.entries.push({ path: this.rel(path), size: bytes.byteLength, sha256: sha256(bytes) });
    const target = this.besideImages ? this.stage(path) : path;
    await this.run(async () => {
      await this.dir(dirname(target));
      // A staged name may hold a leftover of a killed run; everything else goes into a fresh folder.
      await writeFile(target, bytes, { flag: this.besideImages ? 'w' : 'wx' });
    });
  }

  /**
   * Puts an image into the export: a symlink to the project file (absolute, so the export keeps working when
   * moved on its own) or a copy. `dest` is in a fresh folder: nothing is replaced (and `wx`/symlink fail if
   * something were there), so a source image can never be deleted by its own export.
   */
  async image(src: string, dest: string): Promise<void> {
    const index = this.entries.push({ path: this.rel(dest), link: src }) - 1;
    await this.run(async () => {
      await this.dir(dirname(dest));
      try {
        if (this.copyImages) this.entries[index] = await this.copy(src, dest);
        else await symlink(src, dest);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        // Windows refuses symlinks without developer mode: say how to get a working export anyway.
        const hint = this.copyImages ? '' : ' (--copy-images copies instead)';
        throw new SamlabelError('ExportError', `cannot ${this.copyImages ? 'copy' : 'link'} ${src} into the export: ${why}${hint}`);
      }
    });
  }

  /** Waits for every write; throws the first failure. */
  async done(): Promise<OutputRecord> {
    await Promise.all(this.pending);
    this.rethrow();
    return { files: this.files, entries: this.entries };
  }

  /** Beside-images: the names staged files will take on commit. */
  stagedTargets(): string[] {
    return this.staged.map((s) => s.to);
  }

  /** Beside-images: moves every staged file onto its name (each rename is atomic). */
  async commit(): Promise<void> {
    for (const { from, to } of this.staged) await rename(from, to);
    this.staged.length = 0;
  }

  /** Beside-images: removes staged files after a failure, leaving the user's folders as they were. */
  async discard(): Promise<void> {
    await Promise.allSettled(this.pending);
    await Promise.all(this.staged.map(({ from }) => rm(from, { force: true })));
  }

  private async copy(src: string, dest: string): Promise<ManifestEntry> {
    await copyFile(src, dest, 0);
    const bytes = await readFile(dest);
    return { path: this.rel(dest), size: bytes.byteLength, sha256: sha256(bytes) };
  }

  private stage(path: string): string {
    const from = join(dirname(path), `.${basename(path)}.samlabel-tmp`);
    this.staged.push({ from, to: path });
    return from;
  }

  private rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  private async run(job: () => Promise<void>): Promise<void> {
    this.rethrow();
    while (this.pending.size >= this.concurrency) await Promise.race(this.pending);
    this.rethrow();
    const task: Promise<void> = job()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  private dir(path: string): Promise<void> {
    let made = this.dirs.get(path);
    if (made === undefined) {
      made = mkdir(path, { recursive: true }).then(() => undefined);
      this.dirs.set(path, made);
    }
    return made;
  }

  private rethrow(): void {
    if (this.failure !== null) throw this.failure;
  }
}
