/** `moth asm <file.s>`: assemble to a binary, optionally with a listing, a symbol file and a JSON debug map. */
import { extname } from 'node:path';
import { hexWord } from '../../shared/hex.js';
import { wantsColour } from '../colour.js';
import { symbolFileLines } from '../../asm/listing.js';
import { checkOutputPaths, writeOutputFile } from '../files.js';
import { prettyJsonPieces } from '../pretty-json.js';
import type { NamedOutput } from '../files.js';
import { loadProgramFile, type SourceOptions } from '../program-file.js';
import type { CliStreams } from '../streams.js';

export interface AsmOptions {
  /** Output binary; default: the source's name with `.bin`. */
  readonly output: string | undefined;
  readonly listing: string | undefined;
  readonly symbols: string | undefined;
  /** JSON with the image's place and the address → source line map (what debuggers read). */
  readonly map: string | undefined;
  /** Default origin for sources without `.org` (default $0600). */
  readonly origin: number | undefined;
  readonly sourceOptions?: SourceOptions;
}

export async function asmCommand(file: string, options: AsmOptions, streams: CliStreams): Promise<number> {
  const colour = wantsColour(streams.stderr);
  const output = options.output ?? defaultOutputName(file);
  const outputs: NamedOutput[] = [{ option: options.output === undefined ? 'the binary' : '-o', path: output }];
  if (options.listing !== undefined) outputs.push({ option: '--listing', path: options.listing });
  if (options.symbols !== undefined) outputs.push({ option: '--symbols', path: options.symbols });
  if (options.map !== undefined) outputs.push({ option: '--map', path: options.map });
  checkOutputPaths([file], outputs); // before assembling: a mistyped command fails at once
  const program = await loadProgramFile(file, options.origin, colour, 'source', 'moth asm reads assembly source; to read a binary, try moth disasm.', options.sourceOptions);
  if (program.warnings !== '') streams.stderr.write(program.warnings);
  const result = program.assembly!; // loadProgramFile assembles every source file and throws on failure
  checkOutputPaths(program.inputs, outputs); // the files it included are inputs too
  writeOutputFile(output, program.bytes);
  if (options.listing !== undefined) writeOutputFile(options.listing, result.listing);
  if (options.symbols !== undefined) {
    writeOutputFile(options.symbols, symbolFileLines(result.symbols));
  }
  if (options.map !== undefined) {
    const map = {
      file,
      start: program.start,
      length: program.bytes.length,
      symbols: [...result.symbols.values()].map((symbol) => ({ name: symbol.name, value: symbol.value, kind: symbol.kind })),
      debugMap: result.debugMap,
    };
    writeOutputFile(options.map, prettyJsonPieces(map));
  }
  const end = program.start + program.bytes.length - 1;
  streams.stdout.write(
    `${file}: ${program.bytes.length} bytes at ${hexWord(program.start)}–${hexWord(end)} → ${output}\n`,
  );
  return 0;
}

/** `src/game.s` → `src/game.bin`, next to the source as ca65 does. */
export function defaultOutputName(file: string): string {
  const extension = extname(file);
  return (extension === '' ? file : file.slice(0, -extension.length)) + '.bin';
}
