import { CommanderError } from 'commander';
import { isSamlabelError } from '../../shared/errors.js';
import { DISPLAY_MAX_CHARS, displayText, escapeControls } from '../../shared/text/displayText.js';
import { CliUsageError } from './errors.js';
import { fileErrorOf } from './fsErrors.js';

/** A whole error line is cut here; each space-free run (a name, a path) already at DISPLAY_MAX_CHARS. */
const LINE_MAX_CHARS = 1000;

/**
 * One error line as it may reach a terminal. Messages embed untrusted values (file and label names,
 * paths read from files) that the code building them cannot always cut or escape, so the whole
 * message is escaped here (newlines included: an error is one line), and every space-free run longer
 * than DISPLAY_MAX_CHARS (a name, a path) is cut.
 */
export function safeLine(message: string): string {
  // Escaping first keeps a name's newline from cutting the line (or forging a second one).
  const escaped = escapeControls(message);
  const cut = escaped.replace(new RegExp(`\\S{${DISPLAY_MAX_CHARS + 1},}`, 'gu'), (run) => displayText(run, DISPLAY_MAX_CHARS));
  return displayText(cut, LINE_MAX_CHARS);
}

const write = (line: string): void => {
  process.stderr.write(`samlabel: ${safeLine(line)}\n`);
};

/** Reports a failed command as one line on stderr; returns the exit code (1 failure, 2 usage). */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    write(err.message.replace(/^error: /, ''));
    return 2;
  }
  if (err instanceof CliUsageError) {
    write(err.message);
    return 2;
  }
  const typed = fileErrorOf(err) ?? err;
  if (isSamlabelError(typed)) {
    write(`${typed.code}: ${typed.message}`);
    return 1;
  }
  // Not one of ours: a bug, said as such rather than as a bare JS message.
  const message = typed instanceof Error ? `${typed.name}: ${typed.message}` : String(typed);
  write(`Internal: ${message} (a samlabel bug: please report it with the command you ran)`);
  return 1;
}
