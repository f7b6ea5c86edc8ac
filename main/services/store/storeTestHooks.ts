/**
 * Tests only: a StoreService whose worker can be made to crash from inside, as a real crash would
 * (nothing the handler catches). The worker runs it only when StoreClient was started with
 * `testHooks: true`; the app and `samlabel serve` never pass it, so these requests are refused there.
 */
import { SamlabelError } from '../../../shared/errors.js';
import type { Db } from '../../db/connection.js';
import type { Project } from '../projects/project.js';
import { StoreService } from './storeService.js';

/** The tables a crash may be planted in: the last rows a journaled edit writes, inside its transaction. */
export type CrashTable = 'annotations' | 'changes' | 'change_rows';

/** An uncaught exception on the next turn, outside any handler; the call that caused it never answers. */
function crashSoon(): Promise<never> {
  setImmediate(() => {
    throw new Error('test hook: the store worker crashed');
  });
  return new Promise<never>(() => undefined);
}

export class TestStoreService extends StoreService {
  private crashOnRead = false;

  testCrashSoon(): Promise<never> {
    return crashSoon();
  }

  /** The next listLabels (a read) crashes this worker; a restarted worker is a fresh one and answers it. */
  testCrashOnNextRead(): void {
    this.crashOnRead = true;
  }

  override listLabels(): ReturnType<StoreService['listLabels']> {
    if (this.crashOnRead) return crashSoon() as never;
    return super.listLabels();
  }

  /**
   * The next row written to `table` on this connection ends the worker thread there and then, inside
   * the write's open transaction (a TEMP trigger: it lives in this connection only, never in the file,
   * so the restarted worker does not inherit it).
   */
  testCrashOnInsert(table: CrashTable): void {
    const db = this.testDb();
    db.function('samlabel_test_crash', () => process.exit(70));
    db.exec(`CREATE TEMP TRIGGER samlabel_test_crash AFTER INSERT ON main.${table} BEGIN SELECT samlabel_test_crash(); END`);
  }

  /** StoreService keeps its project private (nothing else may reach around it); a test hook does, here only. */
  private testDb(): Db {
    const project = (this as unknown as { project?: Project }).project;
    if (!project) throw new SamlabelError('ProjectNotFound', 'no project is open');
    return project.db;
  }
}

export const TEST_METHODS = ['testCrashSoon', 'testCrashOnNextRead', 'testCrashOnInsert'] as const;
