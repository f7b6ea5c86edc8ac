import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';

/** SQLite's default: checkpoint once the WAL holds this many pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * The worker: its own connection to the database, running PASSIVE checkpoints when asked. Plain
 * CommonJS in a string so it runs the same under tsx, vitest, the built CLI and Electron.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.dbPath, { fileMustExist: true, timeout: 5000 });
parentPort.on('message', (msg) => {
  if (msg === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // A failed pass is retried by the next request, or by SQLite's own checkpoint after stop().
  }
  parentPort.postMessage('done');
});
`;

/**
 * Moves WAL checkpoints off the event loop during a long write burst (a scan of 100k files).
 * A checkpoint copies the WAL into the database file and fsyncs it, which can stall for 100+ ms on a
 * busy disk; run on the main thread (SQLite's auto-checkpoint in a commit) it freezes the app. While
 * running, the main connection's auto-checkpoint is off and a worker checkpoints instead; stop()
 * waits for a last full pass, so the WAL is small again before auto-checkpoint comes back.
 */
export class BackgroundCheckpointer {
  private busy = false;
  private pending = false;
  private readonly exited: Promise<void>;
  private alive = true;

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
  ) {
    worker.on('message', () => {
      this.busy = false;
      if (this.pending) this.request();
    });
    // A worker that fails (cannot load the addon…) only costs the background checkpoints.
    worker.on('error', () => undefined);
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.alive = false;
        resolve();
      }),
    );
  }

  /** Null where a worker cannot start (the caller then keeps SQLite's own checkpoints). */
  static start(db: Db): BackgroundCheckpointer | null {
    let worker: Worker;
    try {
      const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dbPath: db.name, sqlitePath } });
    } catch {
      return null;
    }
    db.pragma('wal_autocheckpoint = 0');
    return new BackgroundCheckpointer(db, worker);
  }

  /** Asks for a checkpoint; requests while one runs are merged into one more pass. */
  request(): void {
    if (!this.alive) return;
    if (this.busy) {
      this.pending = true;
      return;
    }
    this.busy = true;
    this.pending = false;
    this.worker.postMessage('checkpoint');
  }

  /** Waits for a final pass over everything committed so far, then ends the worker. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.finalPass(), this.exited]);
      if (this.alive) this.worker.postMessage('close');
      await this.exited;
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    }
  }

  /** Resolves after a checkpoint requested now (after any running one) has finished. */
  private async finalPass(): Promise<void> {
    while (this.busy) await this.nextDone();
    const done = this.nextDone();
    this.request();
    await done;
  }

  private nextDone(): Promise<void> {
    return new Promise((resolve) => this.worker.once('message', () => resolve()));
  }
}
