/** The one error type commands throw for bad input: main.ts prints its message (no stack trace) and exits non-zero. */

export class UserError extends Error {
  constructor(
    message: string,
    /** The process exit code; 1 unless the command says otherwise. */
    readonly exitCode = 1,
    /** Text already formatted for the terminal (assembler diagnostics), printed as is instead of `moth: message`. */
    readonly formatted?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
