/**
 * Runs a debugger script (`moth debug --script file`): one command per line, each echoed with the text it
 * produced and the machine state after it, so a script doubles as a teaching handout and a test transcript.
 * Blank lines and `#` comments are skipped; an error is printed and the script goes on. The output depends
 * only on the program and the script (no timing, no speed figures), so it can be compared byte for byte.
 *
 * The transcript is streamed: trace lines and program output go to the writer while the command that makes
 * them runs, in batches of {@link BATCH_CHARACTERS}, so one `continue` that prints millions of lines needs
 * no more memory than one batch (given a writer that returns once it has written, as the CLI's does).
 */
import { formatRegisters, runCommand } from './commands.js';
import type { CommandContext, CommandResult } from './commands.js';
import type { DebugSession } from './session.js';

export interface ScriptOptions {
  /** Stop at the first failing command (default false: report it and go on). */
  readonly stopOnError?: boolean;
  /** Include trace lines emitted while `trace on` (default true). */
  readonly includeTrace?: boolean;
  /** What commands may use from the face (files for `load` and `save`). */
  readonly context?: CommandContext;
}

/** How a streamed script went: the transcript itself went to the writer. */
export interface ScriptSummary {
  /** How many commands ran. */
  readonly commands: number;
  /** How many commands failed. */
  readonly errors: number;
}

export interface ScriptReport {
  readonly text: string;
  /** How many commands failed. */
  readonly errors: number;
  readonly results: readonly CommandResult[];
}

/** Text is handed to the writer once this much has gathered, and at the end of each command. */
const BATCH_CHARACTERS = 64 * 1024;

/** Runs the script and returns the transcript (see `runScriptReport` for the results as data). */
export function runScript(session: DebugSession, scriptText: string, options: ScriptOptions = {}): string {
  return runScriptReport(session, scriptText, options).text;
}

/** Runs the script and keeps the whole transcript and every result, for tests and short scripts. */
export function runScriptReport(session: DebugSession, scriptText: string, options: ScriptOptions = {}): ScriptReport {
  const chunks: string[] = [];
  const results: CommandResult[] = [];
  const summary = streamScript(session, scriptText, (text) => chunks.push(text), options, (result) => results.push(result));
  return { text: chunks.join(''), errors: summary.errors, results };
}

/**
 * Runs the script, handing the transcript to `write` as it is made (each piece ends with a newline); keeps
 * nothing of it. `onResult` hears each command's result.
 */
export function streamScript(
  session: DebugSession,
  scriptText: string,
  write: (text: string) => void,
  options: ScriptOptions = {},
  onResult?: (result: CommandResult) => void,
): ScriptSummary {
  const out = new BatchedLines(write);
  const output = new OutputLines((line) => out.line(`  output: ${line}`));
  let commands = 0;
  let errors = 0;
  const unsubscribe = session.on((event) => {
    if (event.type === 'output') output.add(event.text);
    if (event.type === 'output-rewound') output.forget();
    if (event.type === 'trace' && options.includeTrace !== false) out.line(`  trace: ${event.line}`);
  });
  try {
    for (const line of scriptText.split(/\r?\n/)) {
      const command = line.trim();
      if (command === '' || command.startsWith('#')) continue;
      if (commands > 0) out.line(''); // a blank line between one command's answer and the next command
      out.line(`> ${command}`);
      const result = runCommand(session, command, options.context);
      commands++;
      onResult?.(result);
      output.end();
      if (result.text !== '') out.line(result.text);
      // Commands that stop the machine already end with the state; the others get it added.
      if (result.outcome.kind !== 'stop' && result.outcome.kind !== 'reset' && result.outcome.kind !== 'registers') {
        out.line(formatRegisters(session.state));
      }
      out.flush();
      if (!result.ok) {
        errors++;
        if (options.stopOnError === true) break;
      }
    }
  } finally {
    unsubscribe();
    out.flush();
  }
  return { commands, errors };
}

/** Lines gathered into batches for the writer. */
class BatchedLines {
  private batch: string[] = [];
  private characters = 0;

  constructor(private readonly write: (text: string) => void) {}

  line(text: string): void {
    this.batch.push(text);
    this.characters += text.length + 1;
    if (this.characters >= BATCH_CHARACTERS) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    this.batch.push('');
    const text = this.batch.join('\n');
    this.batch = [];
    this.characters = 0;
    this.write(text);
  }
}

/** The program's console output cut into whole lines as it arrives; a line still open waits for its end. */
class OutputLines {
  private open = '';

  constructor(private readonly line: (text: string) => void) {}

  add(text: string): void {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.line(this.open + text.slice(start, end));
      this.open = '';
      start = end + 1;
    }
    this.open += text.slice(start);
  }

  /** Output taken back (stepping back, reset): a line still open is no longer there. */
  forget(): void {
    this.open = '';
  }

  /** The command is over: a line without its newline yet is shown as it stands. */
  end(): void {
    if (this.open !== '') this.line(this.open);
    this.open = '';
  }
}
