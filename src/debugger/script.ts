/**
 * Runs a debugger script (`moth debug --script file`): one command per line, each echoed with the text it
 * produced and the machine state after it, so a script doubles as a teaching handout and a test transcript.
 * Blank lines and `#` comments are skipped; an error is printed and the script goes on. The output depends
 * only on the program and the script (no timing, no speed figures), so it can be compared byte for byte.
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

export interface ScriptReport {
  readonly text: string;
  /** How many commands failed. */
  readonly errors: number;
  readonly results: readonly CommandResult[];
}

/** Runs the script and returns the transcript (see `runScriptReport` for the results as data). */
export function runScript(session: DebugSession, scriptText: string, options: ScriptOptions = {}): string {
  return runScriptReport(session, scriptText, options).text;
}

export function runScriptReport(session: DebugSession, scriptText: string, options: ScriptOptions = {}): ScriptReport {
  const out: string[] = [];
  const results: CommandResult[] = [];
  let errors = 0;
  let pendingOutput = '';
  const traces: string[] = [];
  const unsubscribe = session.on((event) => {
    if (event.type === 'output') pendingOutput += event.text;
    if (event.type === 'output-rewound') pendingOutput = '';
    if (event.type === 'trace' && options.includeTrace !== false) traces.push(event.line);
  });
  try {
    for (const line of scriptText.split(/\r?\n/)) {
      const command = line.trim();
      if (command === '' || command.startsWith('#')) continue;
      pendingOutput = '';
      traces.length = 0;
      const result = runCommand(session, command, options.context);
      results.push(result);
      out.push(`> ${command}`);
      for (const trace of traces) out.push(`  trace: ${trace}`);
      if (pendingOutput !== '') out.push(...pendingOutput.replace(/\n$/, '').split('\n').map((text) => `  output: ${text}`));
      if (result.text !== '') out.push(result.text);
      // Commands that stop the machine already end with the state; the others get it added.
      if (result.outcome.kind !== 'stop' && result.outcome.kind !== 'reset' && result.outcome.kind !== 'registers') {
        out.push(formatRegisters(session.state));
      }
      out.push('');
      if (!result.ok) {
        errors++;
        if (options.stopOnError === true) break;
      }
    }
  } finally {
    unsubscribe();
  }
  return { text: out.join('\n'), errors, results };
}
