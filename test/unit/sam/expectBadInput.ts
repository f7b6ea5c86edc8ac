import { expect } from 'vitest';
import { isSamlabelError } from '../../../shared/errors.js';

/** Asserts fn throws a SamlabelError with code BadInput (and not any other error). */
export function expectBadInput(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected a BadInput error').toBeDefined();
  expect(isSamlabelError(thrown, 'BadInput'), `expected BadInput, got ${String(thrown)}`).toBe(true);
}
