/** `moth disasm <file.bin>`: a binary back into assembly, one instruction per line, labels from a symbol file. */
import type { CpuVariant } from '../../cpu/variants.js';
import { disassemble } from '../../asm/disassembler.js';
import { hexDigits, hexWord } from '../../shared/hex.js';
import { UserError } from '../errors.js';
import { readBinaryFile, readTextFile } from '../files.js';
import { isSourceFile } from '../file-kind.js';
import type { CliStreams } from '../streams.js';
import { parseSymbolFile, symbolsByAddress } from '../symbols-file.js';

export interface DisasmOptions {
  /** Address of the file's first byte (default $0600). */
  readonly origin: number;
  /** A symbol file (VICE `al` lines, or `name = $0600` lines). */
  readonly symbols: string | undefined;
  /** Print plain ca65 source (with `.org`) that assembles back to the same bytes, instead of a listing. */
  readonly source: boolean;
  /** `--cpu`: whose opcode table to read the bytes with (default the NMOS 6502). */
  readonly cpu?: CpuVariant | undefined;
}

export async function disasmCommand(file: string, options: DisasmOptions, streams: CliStreams): Promise<number> {
  if (isSourceFile(file)) {
    throw new UserError(`${file} looks like assembly source; disasm reads binaries. To see its bytes, try: moth asm ${file} --listing out.lst`);
  }
  const room = 0x10000 - options.origin;
  const bytes = readBinaryFile(file, room, `binary at ${hexWord(options.origin)}`);
  const labels = options.symbols === undefined ? new Map<number, string>() : readSymbols(options.symbols);
  const lines = disassemble(bytes, options.origin, labels, options.cpu);
  const out: string[] = [];
  if (options.source && options.cpu === '65c02') out.push('.setcpu "65C02"');
  if (options.source) out.push(`.org ${hexWord(options.origin)}`);
  for (const line of lines) {
    const label = labels.get(line.address);
    if (options.source) {
      if (label !== undefined) out.push(`${label}:`);
      out.push(`    ${line.text}`);
    } else {
      if (label !== undefined) out.push(`${' '.repeat(16)}${label}:`);
      const hexBytes = line.bytes.map((byte) => hexDigits(byte)).join(' ');
      out.push(`${hexDigits(line.address, 4)}  ${hexBytes.padEnd(8)}      ${line.text}`);
    }
  }
  streams.stdout.write(out.join('\n') + '\n');
  return 0;
}

function readSymbols(path: string): Map<number, string> {
  const parsed = parseSymbolFile(readTextFile(path));
  if (!parsed.ok) {
    throw new UserError(`${path}:${parsed.line}: not a symbol line (expected 'al 000600 .name' or 'name = $0600'): ${parsed.text.trim()}`);
  }
  return symbolsByAddress(parsed.symbols);
}
