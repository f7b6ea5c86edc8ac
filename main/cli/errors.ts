/** A mistake in how the command was called: exit code 2, like most CLIs. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
