/**
 * The renderer's only door to main. Nothing else reads `window.samlabel` (enforced by lint), so a
 * future transport — e.g. `samlabel serve` over HTTP — swaps in here alone.
 */
import { createClient } from './createClient.js';

export const client = createClient(window.samlabel);
