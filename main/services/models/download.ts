import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { SamlabelError } from '../../../shared/errors.js';
import { HttpStatusError, openSource, proxyDispatcher, type OpenedSource } from './source.js';

export interface DownloadProgress {
  readonly file: string;
  readonly bytes: number;
  readonly total: number | null;
  /** Bytes per second since this transfer started. */
  readonly rate: number;
  readonly etaSeconds: number | null;
}

export interface Expected {
  readonly size: number | null;
  readonly sha256: string | null;
}

export interface DownloadOptions {
  /** URL or file path of the bytes. */
  readonly source: string;
  readonly dest: string;
  readonly expected: Expected;
  readonly onProgress?: (p: DownloadProgress) => void;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** No byte for this long: the connection is dropped and the download resumes. */
  readonly stallTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A file whose bytes are not the ones pinned: the part file is gone, nothing was installed. */
export class ChecksumMismatchError extends SamlabelError {
  constructor(
    file: string,
    readonly expected: Expected,
    readonly actual: { size: number; sha256: string },
  ) {
    const want = `${expected.sha256 ?? 'any sha256'}${expected.size !== null ? ` (${expected.size} bytes)` : ''}`;
    super('ModelChecksumMismatch', `${file}: expected ${want}, got ${actual.sha256} (${actual.size} bytes); the download was deleted`);
  }
}

/** Running hash of the part file, kept across retries so a resume does not re-read what was hashed. */
interface PartState {
  readonly hash: Hash;
  bytes: number;
}

async function partState(part: string, known: PartState | undefined): Promise<PartState> {
  const size = await stat(part).then((s) => s.size, () => 0);
  if (known && known.bytes === size) return known;
  const hash = createHash('sha256');
  if (size > 0) for await (const chunk of createReadStream(part, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { hash, bytes: size };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes without a round trip per chunk: waits only when the file stream asks for a pause. */
async function write(out: WriteStream, chunk: Uint8Array): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', done);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    out.on('drain', done);
    out.on('error', done);
  });
}

/** One transfer into the part file from `state.bytes` on; the caller retries on a thrown network error. */
async function transfer(opened: OpenedSource, part: string, state: PartState, opts: DownloadOptions): Promise<void> {
  const out = createWriteStream(part, { flags: 'a' });
  const started = performance.now();
  const from = state.bytes;
  const total = opened.total ?? opts.expected.size;
  let lastReport = 0;
  let lastByte = performance.now();
  const stall = opts.stallTimeoutMs ?? 30_000;
  // One watchdog per transfer, not a timer re-armed per chunk.
  const watchdog = setInterval(() => performance.now() - lastByte > stall && opened.cancel(), Math.max(10, Math.min(1000, stall / 4)));
  try {
    for await (const chunk of opened.body) {
      lastByte = performance.now();
      await write(out, chunk);
      state.hash.update(chunk);
      state.bytes += chunk.byteLength;
      if (opts.expected.size !== null && state.bytes > opts.expected.size) break;
      const now = performance.now();
      if (opts.onProgress && now - lastReport > 100) {
        lastReport = now;
        const rate = ((state.bytes - from) * 1000) / Math.max(1, now - started);
        opts.onProgress({ file: basename(opts.dest), bytes: state.bytes, total, rate, etaSeconds: total !== null && rate > 0 ? (total - state.bytes) / rate : null });
      }
    }
  } finally {
    clearInterval(watchdog);
    await new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      out.end(resolve);
    });
  }
  if (total !== null && state.bytes < total && !(opts.expected.size !== null && state.bytes > opts.expected.size)) {
    throw new Error(`connection ended at ${state.bytes} of ${total} bytes`);
  }
}

async function attempt(opts: DownloadOptions, part: string, known: PartState | undefined, dispatcher: ReturnType<typeof proxyDispatcher>): Promise<PartState> {
  let state = await partState(part, known);
  if (opts.expected.size !== null && state.bytes >= opts.expected.size) return state;
  const opened = await openSource(opts.source, state.bytes, dispatcher);
  if (opened === 'complete') return state;
  if (!opened.resumed && state.bytes > 0) {
    // The source starts from byte 0 (no Range support): so does the part file.
    await truncate(part, 0);
    state = { hash: createHash('sha256'), bytes: 0 };
  }
  await transfer(opened, part, state, opts);
  return state;
}

/**
 * Downloads `source` to `dest`: into `dest.part` (resumed with HTTP Range where a part file exists),
 * hashed while it streams, checked for size and sha256, then renamed into place. A network error is
 * retried with backoff, resuming; a mismatch deletes the part file and throws ChecksumMismatchError.
 * Returns what arrived (size and sha256), which is what an unpinned file records.
 */
export async function downloadFile(opts: DownloadOptions): Promise<{ size: number; sha256: string }> {
  const part = `${opts.dest}.part`;
  await mkdir(dirname(opts.dest), { recursive: true });
  const dispatcher = proxyDispatcher(opts.env ?? process.env);
  const retries = opts.retries ?? 5;
  let state: PartState | undefined;
  try {
    for (let i = 0; ; i++) {
      try {
        state = await attempt(opts, part, state, dispatcher);
        break;
      } catch (err) {
        if ((err instanceof HttpStatusError && !err.retryable) || i >= retries) throw failure(opts, err, i + 1);
        await sleep((opts.backoffMs ?? 500) * 2 ** i);
      }
    }
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
  const actual = { size: state.bytes, sha256: state.hash.digest('hex') };
  const { size, sha256 } = opts.expected;
  if ((size !== null && actual.size !== size) || (sha256 !== null && actual.sha256 !== sha256)) {
    await rm(part, { force: true });
    throw new ChecksumMismatchError(basename(opts.dest), opts.expected, actual);
  }
  await rename(part, opts.dest);
  return actual;
}

function failure(opts: DownloadOptions, err: unknown, tries: number): Error {
  if (err instanceof SamlabelError) return err;
  const reason = (err as Error).message.split('\n')[0];
  return new SamlabelError('ModelMissing', `download of ${basename(opts.dest)} failed after ${tries} tries (${reason}); run the command again to resume`);
}
