import { describe, expect, it } from 'vitest';
import { startModelEngine } from '../../../main/services/models/engineService.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';

describe('startModelEngine: the one way to an engine for a model as the user names it', () => {
  it('runs builtin-classic by default when no SAM model is installed, and says so', async () => {
    const env = { SAMLABEL_MODELS_DIR: tempDir('svc-models') };
    const engine = await startModelEngine(undefined, { cacheDir: tempDir('svc-cache') }, env);
    try {
      expect(engine).toMatchObject({ model: 'builtin-classic', origin: 'default-builtin' });
      expect(engine.client.info.modelId).toContain('builtin');
    } finally {
      engine.client.close();
    }
  });

  it('runs a pair given as enc,dec and refuses an unknown id before starting anything', async () => {
    const m = tinyModels();
    const env = { SAMLABEL_MODELS_DIR: tempDir('svc-models') };
    const engine = await startModelEngine(`${m.encoder},${m.disc}`, { cacheDir: tempDir('svc-cache') }, env);
    try {
      expect(engine.origin).toBe('flag');
      expect(engine.client.info.family).toBe('sam1-hwc-preprocess-in-graph');
    } finally {
      engine.client.close();
    }
    await expect(startModelEngine('no-such-model', {}, env)).rejects.toMatchObject({ code: 'ModelMissing' });
  });
});
