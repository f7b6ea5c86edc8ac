/**
 * The global the preload exposes, typed from the contract. Lives here (tsconfig.web.json takes
 * `preload/*.d.ts` and no other preload file) so the renderer sees the type and not the implementation.
 */
import type { SamlabelApi } from '../shared/ipc/api.js';

declare global {
  interface Window {
    readonly samlabel: SamlabelApi;
  }
}

export {};
