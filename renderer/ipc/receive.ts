/**
 * What the renderer accepts from main: every response is checked against its channel's response schema
 * and every event against appEventSchema, whichever transport carried it. Main validates too, but the
 * page must not trust the other end (a stale serve process, a proxy, a bug in main's send path): an
 * off-contract message becomes a `BadResponse` SamlabelError here, never a TypeError deep in the UI.
 *
 * Generic over the contract, so a channel's new response shape is enforced the day the schema changes.
 * Parsing builds a fresh object per level (that is how zod strips nothing and returns typed output) but
 * keeps typed arrays by reference: `z.instanceof` answers the very object it was given, so the predict
 * logits are never copied (the unit tests check the identity).
 */
import type { z } from 'zod';
import { deserializeError, SamlabelError } from '../../shared/errors.js';
import type { ResponseOut } from '../../shared/ipc/api.js';
import { contract, type Channel } from '../../shared/ipc/contract.js';
import { appEventSchema, type AppEvent } from '../../shared/ipc/events.js';

/**
 * No eval-compiled fast path: the page's CSP (script-src 'self') forbids it anyway, and asking per parse
 * keeps Node tests and the bench on the same code path as the browser.
 */
const PARSE_OPTIONS = { jitless: true } as const;

/** Issues shown in the message: enough to find the bug, short enough for a toast. */
const MAX_ISSUES = 3;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more} more)` : shown.join('; ');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value, PARSE_OPTIONS);
  if (!result.success) throw new SamlabelError('BadResponse', `${what} breaks the contract: ${describeIssues(result.error)}`);
  return result.data;
}

/** An `{ok: false}` envelope's error, when it is one; main's codes only (unknown ones become Internal). */
function envelopeError(channel: Channel, error: unknown): SamlabelError {
  if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return new SamlabelError('BadResponse', `${channel} answered a failure without {code, message}`);
  }
  return deserializeError({ code: error.code as SamlabelError['code'], message: error.message });
}

/**
 * The value of a channel's answer, or throws a SamlabelError: main's own error from an `{ok: false}`
 * envelope, or BadResponse when the envelope or the value is off-contract. Never throws anything else.
 */
export function unwrapResponse<C extends Channel>(channel: C, envelope: unknown): ResponseOut<C> {
  if (!isRecord(envelope) || typeof envelope.ok !== 'boolean') {
    throw new SamlabelError('BadResponse', `${channel} answered something that is not an {ok, …} envelope`);
  }
  if (!envelope.ok) throw envelopeError(channel, envelope.error);
  // The contract's schema for this channel; indexing by a generic C loses the pairing, hence the cast.
  const schema = contract[channel].response as unknown as z.ZodType<ResponseOut<C>>;
  return parse(schema, envelope.value, `${channel} response`);
}

/** An event as the contract types it, or throws BadResponse. */
export function receiveEvent(payload: unknown): AppEvent {
  return parse(appEventSchema, payload, isRecord(payload) && typeof payload.type === 'string' ? `'${payload.type}' event` : 'event');
}
