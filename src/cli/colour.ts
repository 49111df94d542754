/**
 * Colour only where it helps: chalk is loaded only when the stream is a terminal (or FORCE_COLOR asks for
 * it), so piped runs and benchmarks never pay for loading it.
 */
import type { ChalkInstance } from 'chalk';

/** The few styles the CLI uses; without colour each returns its text unchanged. */
export interface Paint {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  /** The chalk instance when colour is on, for callers that need more. */
  readonly chalk: ChalkInstance | undefined;
}

const plain = (text: string): string => text;
const NO_PAINT: Paint = { enabled: false, red: plain, green: plain, yellow: plain, bold: plain, dim: plain, chalk: undefined };

/** NO_COLOR wins, then FORCE_COLOR, then "is it a terminal" (and not TERM=dumb). */
export function wantsColour(stream: { readonly isTTY?: boolean }): boolean {
  const environment = process.env;
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  if (environment.FORCE_COLOR !== undefined) return environment.FORCE_COLOR !== '0' && environment.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && environment.TERM !== 'dumb';
}

/** A painter for `stream`: chalk's when colour is wanted, plain text otherwise. */
export async function paintFor(stream: { readonly isTTY?: boolean }): Promise<Paint> {
  if (!wantsColour(stream)) return NO_PAINT;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    enabled: true,
    red: (text) => chalk.red(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    chalk,
  };
}
