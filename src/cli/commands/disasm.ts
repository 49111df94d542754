/** `moth disasm <file.bin>`: a binary back into assembly, one instruction per line, labels from a symbol file. */
import type { CpuVariant } from '../../cpu/variants.js';
import { disassemblySource, labelDisassembly } from '../../asm/disassembly-source.js';
import { hexDigits, hexWord } from '../../shared/hex.js';
import { UserError } from '../errors.js';
import { readBinaryFile, readTextFile } from '../files.js';
import { isSourceFile } from '../file-kind.js';
import type { CliStreams } from '../streams.js';
import { labelsByAddress, parseLabelFile } from '../../asm/vice-labels.js';
import { formatDiagnostics } from '../format-diagnostic.js';

export interface DisasmOptions {
  /** Address of the file's first byte (default $0600). */
  readonly origin: number;
  /** A symbol file (VICE `al` lines, or `name = $0600` lines). */
  readonly symbols: string | undefined;
  /** Print plain ca65 source (with `.org`) that assembles back to the same bytes, instead of a listing. */
  readonly source: boolean;
  /** `--cpu`: whose opcode table to read the bytes with (default the NMOS 6502). */
  readonly cpu?: CpuVariant | undefined;
  /** `--undocumented`: with `--source`, spell the NMOS undocumented opcodes under `.setcpu "6502X"` instead of `.byte`. */
  readonly undocumented?: boolean | undefined;
}

export async function disasmCommand(file: string, options: DisasmOptions, streams: CliStreams): Promise<number> {
  if (isSourceFile(file)) {
    throw new UserError(`${file} looks like assembly source; disasm reads binaries. To see its bytes, try: moth asm ${file} --listing out.lst`);
  }
  const room = 0x10000 - options.origin;
  const bytes = readBinaryFile(file, room, `binary at ${hexWord(options.origin)}`);
  const symbols = options.symbols === undefined ? new Map<number, string>() : readSymbols(options.symbols);
  if (options.undocumented === true && options.cpu === '65c02') {
    throw new UserError('--undocumented names the NMOS 6502\'s undocumented opcodes; the 65C02 has none (its spare opcodes stay .byte lines)');
  }
  if (options.source) {
    streams.stdout.write(disassemblySource(bytes, { origin: options.origin, symbols, variant: options.cpu, undocumented: options.undocumented }));
    return 0;
  }
  // The listing shows what the CPU would do, so undocumented opcodes are spelled out there.
  const labelled = labelDisassembly(bytes, { origin: options.origin, symbols, variant: options.cpu, undocumented: true });
  const out: string[] = [];
  const gutter = ' '.repeat(16);
  for (const line of labelled.lines) {
    const label = labelled.labels.get(line.address);
    if (label !== undefined) out.push(`${gutter}${label}:`);
    const hexBytes = line.bytes.map((byte) => hexDigits(byte)).join(' ');
    out.push(`${hexDigits(line.address, 4)}  ${hexBytes.padEnd(8)}      ${line.text}`);
    for (const equate of labelled.innerEquates.get(line.address) ?? []) out.push(`${gutter}${equate.name} = ${equate.base}+${equate.offset}`);
  }
  streams.stdout.write(out.join('\n') + '\n');
  return 0;
}

function readSymbols(path: string): Map<number, string> {
  const parsed = parseLabelFile(readTextFile(path), path);
  if (!parsed.ok) throw new UserError(`${path}: not a label file`, 1, formatDiagnostics(parsed.diagnostics, false));
  return labelsByAddress(parsed.labels);
}
