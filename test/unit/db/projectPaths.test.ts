import { describe, expect, it } from 'vitest';
import { projectPaths } from '../../../main/services/projects/paths.js';

describe('projectPaths', () => {
  it('keeps everything under <folder>/.samlabel by default', () => {
    expect(projectPaths('/data/photos/')).toEqual({
      folder: '/data/photos',
      dbPath: '/data/photos/.samlabel/project.db',
      dbInFolder: true,
      embeddingsDir: '/data/photos/.samlabel/embeddings',
      backupsDir: '/data/photos/.samlabel/backups',
      recoveryDir: '/data/photos/.samlabel/recovery',
    });
  });

  it('puts the companions beside a database kept elsewhere', () => {
    expect(projectPaths('/mnt/ro', { db: '/home/me/ro.db' })).toEqual({
      folder: '/mnt/ro',
      dbPath: '/home/me/ro.db',
      dbInFolder: false,
      embeddingsDir: '/home/me/ro-embeddings',
      backupsDir: '/home/me/ro-backups',
      recoveryDir: '/home/me/ro-recovery',
    });
  });
});
