/**
 * Typed error codes travel as data across process and IPC boundaries: `{code, message}`.
 * A thrown SamlabelError keeps its code when serialised; anything else becomes `Internal`.
 */
export const ErrorCodes = [
  'BadInput',
  'ImageEmpty',
  'ImageTruncated',
  'ImageDecodeError',
  'ImageUnsupported',
  'ImageTooLarge',
  'ImageNotFound',
  'ModelMissing',
  'ModelInvalid',
  'ModelChecksumMismatch',
  'NoImageSet',
  'EngineCrashed',
  'EngineTimeout',
  'EngineCancelled',
  'EngineClosed',
  'ProviderUnavailable',
  'ProjectLocked',
  'ProjectNotFound',
  'ProjectReadOnly',
  'ProjectCorrupt',
  'DbVersionFromFuture',
  'LabelNotFound',
  'LabelExists',
  'AnnotationNotFound',
  'ExportError',
  'ImportError',
  'NothingToUndo',
  'Internal',
  'NothingToRedo',
  'UndoConflict',
  'LabelInUse',
  /** An export that would replace or mix with files samlabel did not write (or the project's own images). */
  'ExportRefused',
  /** A file or folder the user named could not be read or written (missing, a folder, no permission, disk full). */
  'FileError',
  /** A response or event from main that breaks the contract, refused by the renderer (renderer/ipc/receive.ts). */
  'BadResponse',
  /** The project store's worker died with this call in flight; it was restarted (a write may not have happened). */
  'StoreCrashed',
  /** The project store crashed too often and was not restarted: every store call fails until the app restarts. */
  'StoreFailed',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
}

export class SamlabelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

export function isSamlabelError(err: unknown, code?: ErrorCode): err is SamlabelError {
  return err instanceof SamlabelError && (code === undefined || err.code === code);
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SamlabelError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'Internal', message };
}

export function deserializeError(data: SerializedError): SamlabelError {
  const code = (ErrorCodes as readonly string[]).includes(data.code) ? data.code : 'Internal';
  return new SamlabelError(code, data.message);
}
