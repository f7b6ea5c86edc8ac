import { SamlabelError } from '../../shared/errors.js';
import { displayText } from '../../shared/text/displayText.js';

/**
 * Node's fs errors ("EISDIR: illegal operation on a directory, read") name neither what samlabel
 * was doing nor, often, the file. This turns them into FileError with the path and the problem in
 * words: the net under every command, for the call sites that do not say it better themselves.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error (a failing disk or network share?)',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another file system',
};

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  scandir: 'list the folder',
  opendir: 'list the folder',
  rename: 'rename',
  unlink: 'remove',
  rmdir: 'remove the folder',
  rm: 'remove',
  stat: 'read',
  lstat: 'read',
  copyfile: 'copy',
  symlink: 'link',
  link: 'link',
  utime: 'touch',
};

interface ErrnoLike {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

function errnoOf(err: unknown): ErrnoLike | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, syscall, path, dest } = err as Record<string, unknown>;
  if (typeof code !== 'string' || !(code in REASONS)) return null;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { code, syscall: str(syscall), path: str(path), dest: str(dest) };
}

/**
 * The same error after a trip through the engine process, where only its message survives, as
 * Internal: "EACCES: permission denied, mkdir '/x/y'".
 */
function errnoFromMessage(message: string): ErrnoLike | null {
  const m = /^(E[A-Z]+): [^,]*, (\w+)(?: '([^']*)')?(?: -> '([^']*)')?/.exec(message);
  if (!m || !(m[1] in REASONS)) return null;
  return { code: m[1], syscall: m[2], path: m[3], dest: m[4] };
}

function describe(e: ErrnoLike): SamlabelError {
  const verb = VERBS[e.syscall ?? ''] ?? 'use';
  const what = e.path === undefined ? 'a file' : displayText(e.path);
  const to = e.dest === undefined ? '' : ` to ${displayText(e.dest)}`;
  return new SamlabelError('FileError', `cannot ${verb} ${what}${to}: ${REASONS[e.code]} (${e.code})`);
}

/** A FileError for a Node fs error (or its Internal echo from another process); null for anything else. */
export function fileErrorOf(err: unknown): SamlabelError | null {
  const direct = errnoOf(err);
  if (direct) return describe(direct);
  if (err instanceof SamlabelError && err.code !== 'Internal') return null;
  const echoed = err instanceof Error ? errnoFromMessage(err.message) : null;
  return echoed ? describe(echoed) : null;
}
