/** The one error type commands throw for bad input: main.ts prints its message (no stack trace) and exits non-zero. */

/** Marks every UserError, whichever copy of this module made it (see {@link UserError}'s `instanceof`). */
const USER_ERROR = Symbol.for('moth.UserError');

export class UserError extends Error {
  /**
   * `instanceof UserError` holds for a UserError from any copy of this module. The build's bundle
   * (scripts/bundle-cli.mjs) carries its own copy, while the commands it leaves outside load tsc's.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [USER_ERROR]?: unknown })[USER_ERROR] === true;
  }

  readonly [USER_ERROR] = true;

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
