import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';

/**
 * Where writers put files. Writes run a few at a time in the background while the writer computes the next
 * image (awaiting each mkdir/write/symlink in turn left the export idle for most of its time), and every folder
 * is created once. The first failure is kept and thrown from the next call, so none goes unobserved.
 */
export class ExportOutput {
  private readonly pending = new Set<Promise<void>>();
  private readonly dirs = new Map<string, Promise<void>>();
  private failure: unknown = null;
  readonly files: string[] = [];

  constructor(
    private readonly copyImages: boolean,
    private readonly concurrency = 16,
  ) {}

  /** Writes a label file; `files` lists it for the export result. */
  async file(path: string, data: string | Uint8Array): Promise<void> {
    this.files.push(path);
    await this.run(async () => {
      await this.dir(dirname(path));
      await writeFile(path, data);
    });
  }

  /**
   * Puts an image into the export: a symlink to the project file (absolute, so the export keeps working when
   * moved on its own) or a copy. Whatever is at `dest` is replaced, so exporting again into a folder works.
   */
  async image(src: string, dest: string): Promise<void> {
    await this.run(async () => {
      await this.dir(dirname(dest));
      await rm(dest, { force: true });
      try {
        if (this.copyImages) await copyFile(src, dest);
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
  async done(): Promise<string[]> {
    await Promise.all(this.pending);
    this.rethrow();
    return this.files;
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
