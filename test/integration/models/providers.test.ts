import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../main/inference/engineClient.js';
import { autoProviders } from '../../../main/inference/providers.js';
import { runDoctor } from '../../../main/services/models/doctor.js';
import { tempDir, tinyModels } from '../../helpers/engineHarness.js';

/** `auto` on this machine: whatever the doctor says loads is what the engine must end up on, with the reason. */
describe('execution provider choice', () => {
  it('auto lands where the doctor says, and says why it is not on the GPU', async () => {
    const report = await runDoctor();
    const m = tinyModels();
    const client = await EngineClient.start({ model: { kind: 'onnx', encoderPath: m.encoder, decoderPath: m.disc }, runtime: { provider: 'auto', threads: 1 }, cacheDir: tempDir('prov') });
    try {
      expect(client.info.provider).toBe(report.auto.chosen);
      if (report.auto.chosen === 'cpu' && autoProviders().length > 0) expect(client.info.providerFallback).toMatch(new RegExp(`${autoProviders()[0]} unavailable`));
      expect(client.warnings).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('an explicit provider that does not load falls back to CPU with a warning', async () => {
    const report = await runDoctor();
    const missing = report.providers.find((p) => !p.loads && p.name !== 'webgpu');
    if (!missing) return; // every provider loads here: nothing to fall back from
    const m = tinyModels();
    const client = await EngineClient.start({ model: { kind: 'onnx', encoderPath: m.encoder, decoderPath: m.disc }, runtime: { provider: missing.name as 'cuda', threads: 1 }, cacheDir: tempDir('prov') });
    try {
      expect(client.info.provider).toBe('cpu');
      expect(client.warnings.join('\n')).toMatch(new RegExp(`${missing.name} execution provider unavailable`));
    } finally {
      client.close();
    }
  });
});
