import { expect } from 'vitest';
import { isSamlabelError, type ErrorCode } from '../../shared/errors.js';

/** Asserts fn throws a SamlabelError with this code (and message matching `message` if given). */
export function expectCode(fn: () => unknown, code: ErrorCode, message?: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (err) {
    error = err;
  }
  expect(error, `expected ${code}`).toBeInstanceOf(Error);
  expect(isSamlabelError(error) ? error.code : String(error)).toBe(code);
  if (message) expect((error as Error).message).toMatch(message);
}
