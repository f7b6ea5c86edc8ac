import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageBytes } from '../../../main/imaging/readImage.js';
import { expectImageError, withTmpDir, writeTmp } from './helpers.js';

describe('readImageBytes', () => {
  it('returns the file bytes', async () => {
    await withTmpDir(async (dir) => {
      const path = await writeTmp(dir, 'a.jpg', new Uint8Array([1, 2, 3]));
      expect([...(await readImageBytes(path))]).toEqual([1, 2, 3]);
    });
  });

  it('refuses a missing file as ImageNotFound naming the path', async () => {
    await withTmpDir(async (dir) => {
      const path = join(dir, 'missing.png');
      await expectImageError(readImageBytes(path), 'ImageNotFound', path, 'does not exist');
      await expectImageError(readImageBytes(join(dir, 'nodir', 'x.png')), 'ImageNotFound', 'nodir');
    });
  });

  it('refuses a directory as ImageNotFound', async () => {
    await withTmpDir(async (dir) => {
      const path = join(dir, 'folder.jpg');
      await mkdir(path);
      await expectImageError(readImageBytes(path), 'ImageNotFound', path, 'is a directory');
    });
  });

  it('refuses a 0-byte file as ImageEmpty naming the path', async () => {
    await withTmpDir(async (dir) => {
      const path = await writeTmp(dir, 'empty.jpg', new Uint8Array(0));
      await expectImageError(readImageBytes(path), 'ImageEmpty', path, '0 bytes');
    });
  });
});
