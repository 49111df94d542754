/**
 * Connects the `:` prompt to the debugger's command language (src/debugger/commands.ts): whole-line Tab
 * completion from its word completions, and the few commands a face runs its own way (`continue`, `next` and
 * `finish` run in slices so keys stay live; `quit` leaves; `speed` limits free runs; `mem` also moves the
 * memory pane).
 */
import { completeCommand, runCommand } from '../debugger/commands.js';
import type { CommandContext } from '../debugger/commands.js';
import type { DebugSession } from '../debugger/session.js';
import type { CycleWalkView } from './ui-state.js';

/** What one `:` command answered, for the app to show. */
export interface CommandOutcome {
  readonly text: string;
  readonly error: boolean;
  /** The user asked to leave (`quit`, `q`, `exit`). */
  readonly quit?: boolean;
  /** A plain `continue`: the app starts a free run in slices instead of blocking on it. */
  readonly run?: boolean;
  /** `next` / `finish`: the app's own step over / step out, which run freely and keep keys live. */
  readonly step?: 'over' | 'out';
  /** `speed`: a new limit in MHz, or null for no limit. */
  readonly speedLimit?: number | null;
  /** The command showed memory from here; the memory pane follows. */
  readonly memoryAt?: number;
  /** `cycle` is part way through an instruction: the bus pane shows its cycles, this one highlighted. */
  readonly cycleWalk?: CycleWalkView;
}

/** The command line's engine as the app sees it. */
export interface CommandLine {
  run(line: string): CommandOutcome;
  /** Whole-line completions of what is typed so far. */
  complete(text: string): readonly string[];
}

const QUIT_WORDS = new Set(['quit', 'q', 'exit']);
const CONTINUE_WORDS = new Set(['continue', 'cont', 'c']);

/** `context` gives the commands what the face has (the terminal: files for `load`/`save`; the browser: none). */
export function commandLineFor(session: DebugSession, context: CommandContext = {}): CommandLine {
  return {
    run(line) {
      const words = line.trim().split(/\s+/);
      const first = (words[0] ?? '').toLowerCase();
      if (words.length === 1 && QUIT_WORDS.has(first)) return { text: '', error: false, quit: true };
      if (words.length === 1 && CONTINUE_WORDS.has(first)) return { text: '', error: false, run: true };
      if (first === 'speed') return speedCommand(words.slice(1));
      if (words.length === 1 && (first === 'next' || first === 'n')) return { text: '', error: false, step: 'over' };
      if (words.length === 1 && (first === 'finish' || first === 'fin')) return { text: '', error: false, step: 'out' };
      const result = runCommand(session, line, context);
      const { outcome } = result;
      const memoryAt = outcome.kind === 'memory' ? outcome.start : undefined;
      const cycleWalk = outcome.kind === 'bus' && outcome.walk !== undefined ? outcome.walk : undefined;
      return { text: result.text, error: !result.ok, ...(memoryAt !== undefined ? { memoryAt } : {}), ...(cycleWalk !== undefined ? { cycleWalk } : {}) };
    },
    complete(text) {
      const words = completeLine(text, (line) => completeCommand(session, line));
      // The face's own command completes too.
      return /^\s*\S*$/.test(text) && 'speed'.startsWith(text.trim()) ? [...words, 'speed'] : words;
    },
  };
}

/** `speed 1` (MHz), `speed 0.5`, `speed max`: a face setting, so it lives here rather than in the session. */
export function speedCommand(args: readonly string[]): CommandOutcome {
  const [value] = args;
  if (args.length !== 1 || value === undefined) return { text: 'speed needs a number of MHz or "max", e.g. speed 1', error: true };
  if (value.toLowerCase() === 'max') return { text: 'speed: as fast as possible', error: false, speedLimit: null };
  const mhz = Number(value);
  if (!Number.isFinite(mhz) || mhz <= 0) return { text: `speed: "${value}" is not a positive number of MHz`, error: true };
  return { text: `speed limit ${mhz} MHz`, error: false, speedLimit: mhz };
}

/** Turns completions of the word being typed into completions of the whole line. */
export function completeLine(text: string, completeWord: (line: string) => readonly string[]): string[] {
  const start = /\s$/.test(text) ? text.length : text.search(/\S+$/);
  const head = text.slice(0, Math.max(0, start));
  return completeWord(text).map((word) => head + word);
}
