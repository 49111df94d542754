/**
 * The `moth` command line: declares every command and its options with commander, and is the one place
 * that turns errors into messages and exit codes. Each command's work lives in commands/*.ts, imported
 * only when that command runs, so `moth run` never pays for loading the assembler or the debugger it does
 * not use.
 */
import { CPU_CORES, type CpuCore } from '../cpu/cores.js';
import type { CpuVariant } from '../cpu/variants.js';
import { Command, CommanderError, Option } from 'commander';
import { addressArgument, collectArgument, cpuArgument, defineArgument, featureArgument, memoryRangeArgument, portArgument, positiveNumberArgument } from './arguments.js';
import { romArgument } from './machine-choice.js';
import type { RomPlacement } from './machine-choice.js';
import { paintFor } from './colour.js';
import type { Paint } from './colour.js';
import { UserError } from './errors.js';
import { packageVersion } from './package-root.js';
import { processStreams } from './streams.js';
import type { CliStreams } from './streams.js';
import type { MemoryRange } from './commands/run.js';
import type { ProgramKind } from './file-kind.js';
import type { EnterKey } from './node-io.js';

interface RunCommandLineOptions {
  load?: number;
  start?: number;
  maxCycles?: number;
  trace?: boolean;
  explain?: boolean;
  machine: string;
  quiet?: boolean;
  json?: boolean;
  brkVector?: boolean;
  display?: boolean;
  as?: ProgramKind;
  keys?: boolean;
  enter?: EnterKey;
  core: CpuCore;
  cpu?: CpuVariant;
  rom?: RomPlacement[];
  successTrap?: number;
  dump?: MemoryRange[];
}

/** `--cpu`: the member of the 6502 family (src/cpu/variants.ts). */
/** `moth run` and `moth debug` start a program by one rule (machine/program-start.ts); their help says it once. */
const START_OPTION_HELP = "start address (default: the machine's own start, else the reset vector if set, else the load address)";
const BRK_VECTOR_OPTION_HELP = 'make BRK a real interrupt through $FFFE even when the program sets no IRQ/BRK vector (one that does gets it anyway)';
const CPU_OPTION_HELP = "CPU: 6502 (NMOS), 65c02 (WDC W65C02S) or 2a03 (the NES's, no decimal mode); default: the machine's";
/** `--core`, on run and debug. */
const CORE_OPTION_HELP = 'CPU loop: wasm (WebAssembly, fastest) or js (the TypeScript lean loop); same results';
/** `--as`: what the file is, when its name does not say (file-kind.ts tells by the name, then the contents). */
const AS_OPTION_HELP = 'read the file as assembly source or a binary image (default: by its name, then its contents)';
const PROGRAM_KIND_CHOICES = ['source', 'binary'];
/** Exit code for a bug in moth itself (sysexits' EX_SOFTWARE), so it is not mistaken for a program's code. */
const INTERNAL_ERROR_EXIT = 70;

// bin/moth.js hands the wasm module it compiled early to the bundle through this.
export { adoptCompiledWasmCore } from '../cpu/engine/wasm-core.js';

/** Runs the command line; resolves to the process exit code. `argv` is `process.argv` (node, script, args…). */
export async function main(argv: readonly string[], streams: CliStreams = processStreams()): Promise<number> {
  let exitCode = 0;
  const paint = await paintFor(streams.stderr);
  const program = buildProgram(streams, paint, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, streams, paint);
  }
}

function reportError(error: unknown, streams: CliStreams, paint: Paint): number {
  if (error instanceof CommanderError) return error.exitCode; // commander has already printed its message
  if (error instanceof UserError) {
    if (error.formatted !== undefined) streams.stderr.write(error.formatted);
    else streams.stderr.write(`${paint.red(paint.bold('moth:'))} ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  streams.stderr.write(`${paint.red(paint.bold('moth: internal error:'))} ${message}\n`);
  streams.stderr.write('This is a bug in moth; please report it with the command you ran.\n');
  return INTERNAL_ERROR_EXIT;
}

function buildProgram(streams: CliStreams, paint: Paint, setExitCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('moth')
    .description('A MOS 6502 computer you can read, run and step through: emulator, assembler and debugger.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void streams.stdout.write(text),
      writeErr: (text) => void streams.stderr.write(text),
      outputError: (text, write) => write(paint.red(text)),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Numbers: addresses and counts may be written $0600, 0x0600 or 1536 (in a
shell, quote the dollar form, '$0600': unquoted, the shell reads $0 itself).

Examples:
  $ moth run programs/hello.s           assemble and run it
  $ echo hi | moth run programs/examples/echo.s
  $ moth asm game.s -o game.bin --listing game.lst
  $ moth disasm game.bin --origin 0x0600
  $ moth debug programs/hello.s         step through it in the debugger
  $ moth tour                           how the CPU works, chapter by chapter
  $ moth web                            the editor, debugger and tour in a browser`,
    );

  program
    .command('run')
    .description('assemble (if .s) and run a program at full speed; console on stdin/stdout, summary on stderr')
    .argument('<file>', 'assembly source (.s) or binary')
    .option('--load <addr>', 'load address of a binary, default origin of a source', addressArgument)
    .option('--start <addr>', START_OPTION_HELP, addressArgument)
    .option('--max-cycles <n>', 'stop after this many cycles (exit code 4)', positiveNumberArgument)
    .option('--trace', 'print one line per instruction: address, bytes, disassembly, registers, flags, cycles')
    .addOption(new Option('--cpu <name>', CPU_OPTION_HELP).argParser(cpuArgument))
    .option('--explain', 'print one plain-words sentence per instruction')
    .option('--machine <name|file>', 'a preset (moth machines lists them: default, easy6502, apple1, eater, sbc) or a machine file', 'default')
    .option('--rom <file@addr>', 'place a ROM image before the program runs (repeatable), e.g. wozmon.bin@0xFF00', romArgument)
    .option('--success-trap <addr>', 'exit 0 only if the program traps (jumps to itself) here; any other stop exits non-zero (5)', addressArgument)
    .option('--dump <start:end>', 'after the run, print memory from start to end on stdout (repeatable), e.g. 0x0200:0x02FF', memoryRangeArgument)
    .option('-q, --quiet', 'no summary on stderr')
    .option('--json', 'print a JSON summary (with the program output) on stdout instead')
    .option('--brk-vector', BRK_VECTOR_OPTION_HELP)
    .option('--display', 'after the run, show the 32×32 display ($0200-$05FF) on stdout')
    .addOption(new Option('--as <kind>', AS_OPTION_HELP).choices(PROGRAM_KIND_CHOICES))
    .option('--keys', 'on a terminal, give the program each key as it is pressed (no echo, no line editing)')
    .addOption(new Option('--enter <byte>', "what Enter and line ends send the program (default: the machine's, else lf)").choices(['lf', 'cr']))
    .addOption(new Option('--core <name>', CORE_OPTION_HELP).choices(CPU_CORES).default('wasm'))
    .addHelpText(
      'after',
      `
Typing: on a terminal, input goes to the program a line at a time, echoed as
you type, with Backspace; Enter sends it. Ctrl-D ends the input, Ctrl-C stops
the run. --keys sends each key at once instead (the program must echo it).
--enter cr sends CR ($0D) for Enter and for each line end of piped input.

The run stops at BRK (unless --brk-vector is given or the program itself fills
in the IRQ/BRK vector at $FFFE), at a write to the exit port $F00F, at a jump
or branch to itself ("Trapped at $xxxx"), at a JAM opcode, or after
--max-cycles. Exit code: the value written to $F00F; 0 for BRK and traps;
3 for a JAM; 4 when --max-cycles ran out; 1 for errors in the command or the
source.

Examples:
  $ moth run programs/hello.s
  $ echo hi | moth run programs/examples/echo.s
  $ moth run game.bin --load '$0800' --max-cycles 10_000_000
  $ moth run programs/hello.s --trace | head
  $ moth run programs/hello.s --json
  $ moth run programs/examples/random-pixels.s --machine easy6502 --display
  $ moth run 6502_functional_test.bin --load 0 --start 0x400`,
    )
    .action(async (file: string, options: RunCommandLineOptions) => {
      const { runCommand } = await import('./commands/run.js');
      setExitCode(
        await runCommand(
          file,
          {
            load: options.load,
            start: options.start,
            maxCycles: options.maxCycles,
            trace: options.trace === true,
            explain: options.explain === true,
            machine: options.machine,
            roms: options.rom ?? [],
            successTrap: options.successTrap,
            dumps: options.dump ?? [],
            quiet: options.quiet === true,
            json: options.json === true,
            brkVector: options.brkVector === true,
            cpu: options.cpu,
            display: options.display === true,
            as: options.as,
            // Undefined lets run.ts choose: lines edited and echoed, or each key unechoed for ROMs that echo themselves.
            inputMode: options.keys === true ? 'keys' : undefined,
            enter: options.enter,
            core: options.core,
          },
          streams,
        ),
      );
    });

  program
    .command('asm')
    .description('assemble source files (ca65 syntax) into a binary; several files, or -C, link them as ld65 does')
    .argument('<files...>', 'assembly sources (.s)')
    .option('-o, --output <file>', 'the binary (default: the first source name with .bin)')
    .option('-C, --config <file>', 'an ld65 linker configuration (MEMORY, SEGMENTS, ...) to link with')
    .option('-m, --map-file <file>', "write a map like ld65's -m (segments, modules, exports)")
    .option('-D, --define <name[=value]>', 'define a constant, as ca65 -D does (repeatable)', defineArgument)
    .option('-I, --include-dir <dir>', 'also look for .include/.incbin files here (repeatable)', collectArgument)
    .option('--feature <name>', 'turn on a ca65 feature, e.g. labels_without_colons (repeatable)', featureArgument)
    .option('--listing <file>', 'write a listing: addresses, bytes and source side by side')
    .option('--symbols <file>', "write the symbols as VICE label lines ('al 000600 .name')")
    .option('--map <file>', 'write a JSON debug map (address ranges → source lines, symbols)')
    .option('--origin <addr>', 'origin for a source without .org (default $0600)', addressArgument)
    .addOption(new Option('--cpu <name>', 'the CPU the source is for until its .setcpu: 6502 (default) or 65c02').argParser(cpuArgument))
    .addHelpText(
      'after',
      `
Examples:
  $ moth asm hello.s                          writes hello.bin
  $ moth asm game.s -o game.bin --listing game.lst --symbols game.sym
  $ moth asm game.s --map game.json           address ranges → source lines
  $ moth asm main.s io.s -C project.cfg -o rom.bin -m rom.map
  $ moth asm msbasic.s -D osi -C osi.cfg -o osi.bin`,
    )
    .action(
      async (
        files: string[],
        options: {
          output?: string;
          listing?: string;
          symbols?: string;
          map?: string;
          origin?: number;
          config?: string;
          mapFile?: string;
          define?: Map<string, number>;
          includeDir?: string[];
          cpu?: CpuVariant;
          feature?: string[];
        },
      ) => {
        const predefined = options.define ?? new Map<string, number>();
        const includeDirectories = options.includeDir ?? [];
        const features = options.feature ?? [];
        if (files.length > 1 || options.config !== undefined || options.mapFile !== undefined) {
          if (options.map !== undefined) {
            throw new UserError('--map (the JSON debug map) works on one file without -C; a linked program gets -m (ld65 map), --listing and --symbols.');
          }
          const { linkCommand } = await import('./commands/link.js');
          const linkOptions = { output: options.output, config: options.config, mapFile: options.mapFile, symbols: options.symbols, listing: options.listing, origin: options.origin, predefined, includeDirectories, features };
          setExitCode(await linkCommand(files, linkOptions, streams));
          return;
        }
        const file = files[0]!;
        const { asmCommand } = await import('./commands/asm.js');
        setExitCode(
          await asmCommand(
            file,
            {
              output: options.output,
              listing: options.listing,
              symbols: options.symbols,
              map: options.map,
              origin: options.origin,
              sourceOptions: { predefined, includeDirectories, features, ...(options.cpu === undefined ? {} : { cpu: options.cpu }) },
            },
            streams,
          ),
        );
      },
    );

  program
    .command('disasm')
    .description('disassemble a binary file into 6502 assembly')
    .argument('<file>', 'binary file')
    .option('--origin <addr>', 'address of the first byte', addressArgument, 0x0600)
    .option('--symbols <file>', "labels: VICE 'al 000600 .name' lines (moth asm --symbols) or 'name = $0600' lines")
    .option('--source', 'print ca65 source that moth and ca65+ld65 assemble back to the same bytes, not a listing')
    .option('--undocumented', 'with --source, spell undocumented NMOS opcodes (adds .setcpu "6502X") instead of .byte lines')
    .addOption(new Option('--cpu <name>', "whose opcodes to read: 6502 (default), 65c02 or 2a03").argParser(cpuArgument))
    .addHelpText(
      'after',
      `
Examples:
  $ moth disasm hello.bin                     listing from $0600
  $ moth disasm rom.bin --origin 0xE000 --symbols rom.sym
  $ moth disasm hello.bin --source > again.s`,
    )
    .action(async (file: string, options: { origin: number; symbols?: string; source?: boolean; cpu?: CpuVariant; undocumented?: boolean }) => {
      const { disasmCommand } = await import('./commands/disasm.js');
      const disasmOptions = { origin: options.origin, symbols: options.symbols, source: options.source === true, cpu: options.cpu, undocumented: options.undocumented };
      setExitCode(await disasmCommand(file, disasmOptions, streams));
    });

  program
    .command('debug')
    .description('open the terminal debugger on a program (.s source or binary)')
    .argument('<file>', 'assembly source (.s) or binary')
    .option('--machine <name|file>', 'a preset (moth machines lists them) or a machine file', 'default')
    .option('--rom <file@addr>', 'place a ROM image before the program (repeatable)', romArgument)
    .option('--load <addr>', "load address of a binary (default $0600, or the machine's ROM address)", addressArgument)
    .option('--start <addr>', START_OPTION_HELP, addressArgument)
    .option('--brk-vector', BRK_VECTOR_OPTION_HELP)
    .option('--script <file>', 'run debugger commands from a file and print the answers (no terminal needed)')
    .addOption(new Option('--cpu <name>', CPU_OPTION_HELP).argParser(cpuArgument))
    .addOption(new Option('--as <kind>', AS_OPTION_HELP).choices(PROGRAM_KIND_CHOICES))
    .option('--dbgfile <file>', "ld65's debug file (ld65 --dbgfile) for source lines and labels (default: prog.dbg beside prog.bin)")
    .option('--no-dbgfile', 'do not read prog.dbg beside the binary')
    .option('--labels <file>', "labels: VICE 'al C:0600 .name' lines (ld65 -Ln) or 'name = $0600' lines (repeatable)", collectArgument, [])
    .addOption(new Option('--core <name>', `${CORE_OPTION_HELP}; continue runs on it, breakpoints patched in`).choices(CPU_CORES).default('wasm'))
    .addHelpText(
      'after',
      `
Examples:
  $ moth debug programs/hello.s
  $ moth debug game.bin --load 0x0800 --machine easy6502
  $ moth debug programs/hello.s --script steps.txt   (a command per line)
  $ moth debug prog.bin --dbgfile prog.dbg            (built by ca65 + ld65 --dbgfile prog.dbg)`,
    )
    .action(
      async (
        file: string,
        options: {
          machine: string;
          rom?: RomPlacement[];
          load?: number;
          start?: number;
          brkVector?: boolean;
          script?: string;
          as?: ProgramKind;
          cpu?: CpuVariant;
          dbgfile?: string | boolean;
          labels?: string[];
          core: CpuCore;
        },
      ) => {
        const { debugCommand } = await import('./commands/debug.js');
        setExitCode(
          await debugCommand(
            file,
            {
              machine: options.machine,
              roms: options.rom ?? [],
              load: options.load,
              start: options.start,
              brkVector: options.brkVector === true,
              cpu: options.cpu,
              script: options.script,
              as: options.as,
              // Commander gives true when neither --dbgfile nor --no-dbgfile was typed.
              dbgfile: options.dbgfile === true ? undefined : options.dbgfile,
              labels: options.labels ?? [],
              core: options.core,
            },
            streams,
          ),
        );
      },
    );

  program
    .command('machines')
    .description('list the machine presets --machine accepts, one line each (docs/machine.md tells how to write your own)')
    .action(async () => {
      const { machinesCommand } = await import('./commands/machines.js');
      streams.stdout.write(machinesCommand());
    });

  program
    .command('tour')
    .description('the guided tour: how a 6502 works, chapter by chapter, in moth’s own source')
    .argument('[chapter]', 'chapter number or name (default: the list of chapters)')
    .option('--list', 'list the chapters')
    .addHelpText(
      'after',
      `
Examples:
  $ moth tour            the chapters
  $ moth tour 3          open chapter 3`,
    )
    .action(async (chapter: string | undefined, options: { list?: boolean }) => {
      const { tourCommand } = await import('./commands/tour.js');
      setExitCode(await tourCommand(chapter, { list: options.list === true }, streams));
    });

  program
    .command('web')
    .description('serve moth in the browser (editor, debugger, tour) on this computer and print its address')
    .option('--port <n>', 'port to listen on (0: any free one)', portArgument, 6502)
    .addHelpText(
      'after',
      `
The same page is also a static site: \`npm run build\` writes it to dist/web/, which opens from a file or
any static host.`,
    )
    .action(async (options: { port: number }) => {
      const { webCommand } = await import('./commands/web.js');
      setExitCode(await webCommand({ port: options.port }, streams));
    });

  program
    .command('demo')
    .description('what `npm start` runs: the debugger on programs/hello.s in a terminal, otherwise a plain run')
    .action(async () => {
      const { demoCommand } = await import('./commands/demo.js');
      setExitCode(await demoCommand(streams));
    });

  return program;
}
