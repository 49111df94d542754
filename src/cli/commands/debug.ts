/**
 * `moth debug <file>`: loads a program (assembling sources), builds a DebugSession over it and opens the
 * terminal debugger; with `--script` it runs debugger commands from a file and prints the answers instead.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { DebugProgram, DebugSession } from '../../debugger/session.js';
import { UserError } from '../errors.js';
import { AddressSpaceError } from '../../machine/address-space.js';
import { readTextFile } from '../files.js';
import { withoutOnStackReplacement } from '../on-stack-replacement.js';
import { chooseMachine, withCpu } from '../machine-choice.js';
import type { CpuCore } from '../../cpu/cores.js';
import type { CpuVariant } from '../../cpu/variants.js';
import type { RomPlacement } from '../machine-choice.js';
import { loadProgramFile } from '../program-file.js';
import { isSourceFile } from '../file-kind.js';
import { readToolchainDebugInfo, type ToolchainDebugInfo } from '../toolchain-debug-info.js';
import { blockingWriter, type CliStreams } from '../streams.js';
import type { LoadedProgram, ReloadFailure } from '../../tui/app.js';
import type { ProgramKind } from '../file-kind.js';

export interface DebugCommandOptions {
  /** A preset's name or a machine file's path. */
  readonly machine: string;
  /** ROM images to place before the program (`--rom FILE@ADDR`). */
  readonly roms?: readonly RomPlacement[];
  /** Load address for a binary file (a number; main.ts has parsed `$0600`/`0x0600`/`1536`). */
  readonly load: number | undefined;
  /** Start address; undefined: machine/program-start.ts's rule (the machine's own start, the reset vector, else the load address). */
  readonly start: number | undefined;
  /** `--brk-vector`: BRK is a real interrupt through $FFFE even without a vector in memory (machine/program-start.ts). */
  readonly brkVector: boolean;
  /** `--cpu`: the CPU variant in place of the machine's own. */
  readonly cpu?: CpuVariant | undefined;
  /** A file of debugger commands: run them, print the answers, open no terminal UI. */
  readonly script?: string | undefined;
  /** What the file is (`--as`); undefined: by its name, then its contents. */
  readonly as?: ProgramKind | undefined;
  /** `--dbgfile`: ld65's debug file for a binary; false: `--no-dbgfile`; undefined: `prog.dbg` beside `prog.bin` if there. */
  readonly dbgfile?: string | false | undefined;
  /** `--labels`: label files (VICE `al` lines from ld65 -Ln, or `name = $addr`). */
  readonly labels?: readonly string[] | undefined;
  /** `--core`: the loop continue runs on, the WebAssembly core (default) or the TypeScript lean loop (docs/cpu.md). */
  readonly core?: CpuCore | undefined;
}

/** What `moth tour` adds when it opens a chapter in the debugger. */
export interface DebugExtras {
  readonly title?: string;
  readonly notesForLine?: (file: string, line: number) => string | undefined;
}

export async function debugCommand(file: string, options: DebugCommandOptions, streams: CliStreams, extras: DebugExtras = {}): Promise<number> {
  const { session, sources, warnings } = await loadSession(file, options, streams.stderr.isTTY === true);
  if (warnings !== '') streams.stderr.write(warnings);

  if (options.script !== undefined) {
    const script = options.script;
    return withoutOnStackReplacement(() => runScriptFile(session, script, streams));
  }

  if (streams.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    throw new UserError('moth debug needs a terminal; use `--script <file>` to drive the debugger without one.', 2);
  }
  const { runDebuggerApp } = await import('../../tui/app.js');
  const { commandLineFor } = await import('../../tui/command-line.js');
  const { nodeCommandFiles } = await import('../../tui/command-files.js');
  /** `R` and `e` in the debugger: the file read and assembled again; a failure is shown there, not thrown. */
  const reload = async (): Promise<LoadedProgram | ReloadFailure> => {
    try {
      const loaded = await loadSession(file, options, false);
      return { session: loaded.session, sources: loaded.sources, commands: commandLineFor(loaded.session, { files: nodeCommandFiles }) };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const text = error.formatted ?? error.message;
      const located = /^(.+?):(\d+):\d+:/m.exec(text);
      return { message: text, ...(located !== null ? { location: { file: located[1]!, line: Number(located[2]) } } : {}) };
    }
  };
  await withoutOnStackReplacement(() =>
    runDebuggerApp({
      session,
      sources,
      title: extras.title ?? shortName(file),
      ...(extras.notesForLine !== undefined ? { notesForLine: extras.notesForLine } : {}),
      showDisplay: options.machine === 'easy6502',
      commands: commandLineFor(session, { files: nodeCommandFiles }),
      reload,
      input: process.stdin,
      output: streams.stdout,
    }),
  );
  process.stdin.pause(); // blessed leaves stdin flowing; paused, it no longer keeps the process alive
  return 0;
}

/** Loads (assembling a source) and builds the session on the chosen machine, with the source texts the debugger shows. */
async function loadSession(file: string, options: DebugCommandOptions, colour: boolean): Promise<{ session: DebugSession; sources: Map<string, string>; warnings: string }> {
  const choice = withCpu(await chooseMachine(options.machine, options.roms ?? [], colour), options.cpu);
  // cc65's tools describe binaries; a source named here is assembled by moth, which knows its own lines.
  const sourceByName = options.as === 'source' || (options.as === undefined && isSourceFile(file));
  if (sourceByName && typeof options.dbgfile === 'string') {
    throw new UserError(`--dbgfile describes a binary built by ld65; moth assembles ${file} itself and knows its lines. Debug the binary instead: moth debug prog.bin --dbgfile ${options.dbgfile}`);
  }
  const toolchain = readToolchainDebugInfo(file, { dbgfile: sourceByName ? false : options.dbgfile, labels: options.labels }, colour);
  const load = options.load ?? toolchain?.loadAddress ?? choice.description.defaultLoadAddress;
  const program = await loadProgramFile(file, load, colour, options.as, undefined, { cpu: choice.description.cpu });
  const debugProgram: DebugProgram = withToolchainInfo(
    program.assembly ?? { image: { start: program.start, bytes: program.bytes }, symbols: new Map(), debugMap: [] },
    toolchain,
  );
  const { DebugSession } = await import('../../debugger/session.js');
  let session: DebugSession;
  try {
    session = new DebugSession(debugProgram, {
      description: choice.description,
      images: choice.images,
      brkVector: options.brkVector,
      ...(options.start !== undefined ? { start: options.start } : {}),
      ...(options.core === undefined ? {} : { cpuOptions: { core: options.core } }),
    });
  } catch (error) {
    if (error instanceof AddressSpaceError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
  const sources = new Map<string, string>();
  if (program.kind === 'source') sources.set(file, readTextFile(file));
  for (const entry of debugProgram.debugMap) {
    const name = entry.location.file;
    if (!sources.has(name) && existsSync(name)) sources.set(name, readTextFile(name));
  }
  const loadWarnings = session.loadWarnings.map((warning) => `moth: warning: ${file}: ${warning}\n`).join('');
  return { session, sources, warnings: (toolchain?.note ?? '') + program.warnings + loadWarnings };
}

/** The program with ld65's lines and the label files' names added (a source's own names win). */
function withToolchainInfo(program: DebugProgram, toolchain: ToolchainDebugInfo | undefined): DebugProgram {
  if (toolchain === undefined) return program;
  const symbols = new Map<string, { readonly name: string; readonly value: number; readonly kind: string }>(toolchain.symbols);
  for (const [name, symbol] of program.symbols) symbols.set(name, symbol);
  return { image: program.image, symbols, debugMap: program.debugMap.length > 0 ? program.debugMap : toolchain.debugMap };
}

/** `--script`: each line of the file is one debugger command; the transcript streams to stdout as it is made. */
async function runScriptFile(session: DebugSession, script: string, streams: CliStreams): Promise<number> {
  const text = readTextFile(script);
  const { streamScript } = await import('../../debugger/script.js');
  const { nodeCommandFiles } = await import('../../tui/command-files.js');
  const summary = streamScript(session, text, blockingWriter(streams), { context: { files: nodeCommandFiles } });
  return summary.errors > 0 ? 1 : 0;
}

/** The file as the status line shows it: relative to the current folder when that is shorter. */
function shortName(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere !== '' && fromHere.length < file.length ? fromHere : file;
}
