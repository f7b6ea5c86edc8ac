import { describe, expect, it } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';
import type { SamlabelApi } from '../../../shared/ipc/api.js';
import { buildApi } from '../../../preload/buildApi.js';
import { createClient } from '../../../renderer/ipc/createClient.js';

/** A preload api whose main side answers with the given envelope. */
const apiAnswering = (envelope: unknown): SamlabelApi => buildApi(async () => envelope);

describe('renderer client', () => {
  it('unwraps {ok: true} into the value', async () => {
    const client = createClient(apiAnswering({ ok: true, value: { name: 'samlabel', version: '0.1.0' } }));
    await expect(client.app.version()).resolves.toEqual({ name: 'samlabel', version: '0.1.0' });
  });

  it('throws {ok: false} as a SamlabelError with its code', async () => {
    const client = createClient(apiAnswering({ ok: false, error: { code: 'ProjectLocked', message: 'in use' } }));
    const error = await client.project.open({ path: '/p' }).catch((e: unknown) => e);
    expect(isSamlabelError(error, 'ProjectLocked')).toBe(true);
    expect((error as Error).message).toBe('in use');
  });

  it('maps an unknown error code to Internal instead of trusting it', async () => {
    const client = createClient(apiAnswering({ ok: false, error: { code: 'Nope', message: 'x' } }));
    const error = await client.app.version().catch((e: unknown) => e);
    expect(isSamlabelError(error, 'Internal')).toBe(true);
  });

  it('wraps every api function', () => {
    const api = buildApi(async () => ({ ok: true, value: null })) as unknown as Record<string, Record<string, unknown>>;
    const client = createClient(api as unknown as SamlabelApi) as unknown as Record<string, Record<string, unknown>>;
    for (const [service, methods] of Object.entries(api)) {
      expect(Object.keys(client[service]).sort()).toEqual(Object.keys(methods).sort());
    }
  });
});
