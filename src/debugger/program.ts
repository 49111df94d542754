/**
 * From source text to a DebugSession: assembles with the project's assembler and, when that succeeds,
 * builds the session; on errors hands back the diagnostics (as values and as plain text) instead.
 */
import { assemble, formatDiagnostic } from '../asm/index.js';
import type { AssemblyResult, Diagnostic } from '../asm/index.js';
import { PRESETS, isPresetName } from '../machine/presets.js';
import { DebugSession } from './session.js';
import type { DebugSessionOptions, SessionOptions } from './session.js';

export type SessionCreation =
  | { readonly ok: true; readonly session: DebugSession; readonly assembly: AssemblyResult }
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      /** Every problem formatted as `file:line:col: error: message`, source line and caret. */
      readonly message: string;
    };

/** Assembles `source` and opens a session on it; extra session options (checkpoint spacing, seed) may be given. */
export function createSession(
  source: string,
  options: SessionOptions,
  extra: Omit<DebugSessionOptions, 'preset' | 'input' | 'historyInstructions'> = {},
): SessionCreation {
  const preset = options.preset ?? 'default';
  if (!isPresetName(preset)) {
    return { ok: false, diagnostics: [], message: `unknown machine preset "${preset}" (use default or easy6502)` };
  }
  const assembly = assemble(source, {
    fileName: options.fileName,
    ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
    ...(options.resolveFile === undefined ? {} : { resolveFile: options.resolveFile }),
  });
  if (!assembly.ok || assembly.image === undefined) {
    const problems = assembly.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    const message =
      problems.length > 0
        ? problems.map((diagnostic) => formatDiagnostic(diagnostic)).join('\n')
        : `${options.fileName}: nothing to debug (the program emits no bytes)`;
    return { ok: false, diagnostics: assembly.diagnostics, message };
  }
  // A CPU named for the program runs on the preset's machine (or the one given) with that chip in it.
  const machine = options.cpu === undefined ? {} : { description: { ...(extra.description ?? PRESETS[preset]), cpu: options.cpu } };
  const session = new DebugSession(assembly, {
    ...extra,
    ...machine,
    preset,
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.historyInstructions === undefined ? {} : { historyInstructions: options.historyInstructions }),
  });
  return { ok: true, session, assembly };
}
