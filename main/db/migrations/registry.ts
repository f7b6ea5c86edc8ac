import type { Db } from '../connection.js';
import * as m0010 from './0010-initial.js';
import * as m0020 from './0020-edit-journal.js';
import * as m0030 from './0030-scan-generation.js';
import * as m0040 from './0040-annotation-review.js';

export interface Migration {
  /** The `user_version` after this migration; steps of 10 leave room for hotfixes. */
  readonly version: number;
  /** The file name without extension, e.g. '0010-initial'. */
  readonly name: string;
  readonly up: (db: Db) => void;
}

/** Every shipped migration, oldest first. Append only: a shipped migration is never edited or removed. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-initial', up: m0010.up },
  { version: 20, name: '0020-edit-journal', up: m0020.up },
  { version: 30, name: '0030-scan-generation', up: m0030.up },
  { version: 40, name: '0040-annotation-review', up: m0040.up },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
