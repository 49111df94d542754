/**
 * The monitor commands a learner knows from py65mon: `asm` (assemble one line into memory), `fill`, `load` and
 * `save`. Numbers are moth's usual expressions ($hex, %binary, decimal, labels). Memory changes go through the
 * session's writeMemory, so they are part of the timeline (step back undoes them). Files are read and written
 * through a port the face gives (the debugger layer never touches a file system); `save` never overwrites a
 * file unless asked with `save!`.
 */
import { assemble } from '../asm/index.js';
import { visibleSourceLine } from '../shared/visible-text.js';
import { hexDigits, hexWord } from '../shared/hex.js';
import type { Result } from '../shared/result.js';
import { failure, success, type CommandResult } from './commands-result.js';
import type { DebugSession } from './session.js';

/** How commands reach files: the TUI and `moth debug --script` give a Node one (src/tui/command-files.ts). */
export interface CommandFiles {
  /** The whole file, refused when it is not a regular file or larger than `limit` bytes. */
  read(path: string, limit: number): Result<Uint8Array>;
  /** Writes all of `bytes` atomically (a temporary file renamed into place); refuses an existing file unless `overwrite`. */
  write(path: string, bytes: Uint8Array, overwrite: boolean): Result<void>;
}

/** What a face lends the commands. */
export interface CommandContext {
  readonly files?: CommandFiles;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `asm <address> <instruction>`: assembles one line at the address, with the program's labels known. */
export function asmCommand(session: DebugSession, rest: string, line: string): CommandResult {
  const match = /^(\S+)\s+(.+)$/.exec(rest);
  if (match === null) return failure('asm', 'asm needs an address and an instruction, e.g. asm $0600 LDA #1');
  const address = addressOf(session, match[1]!, 'asm');
  if (typeof address === 'string') return failure('asm', address);
  const instruction = match[2]!;
  const predefined = new Map<string, number>();
  for (const [name, symbol] of session.debugProgram.symbols) {
    if (IDENTIFIER.test(name) && Number.isInteger(symbol.value)) predefined.set(name, symbol.value);
  }
  const result = assemble(` ${instruction}`, {
    fileName: 'asm',
    defaultOrigin: address,
    predefined,
    cpu: session.machine.cpu.variant === '65c02' ? '65c02' : '6502',
  });
  if (!result.ok) {
    // Point into what was typed: the instruction starts this many columns into the command line.
    const offset = line.indexOf(instruction, line.indexOf(match[1]!) + match[1]!.length) - 1;
    const messages = result.diagnostics
      .filter((diagnostic) => diagnostic.severity === 'error')
      .map((diagnostic) => {
        const column = (diagnostic.location?.column ?? 1) + offset;
        const shown = visibleSourceLine(line, column, diagnostic.length);
        return `asm:1:${column}: ${diagnostic.message}\n  ${shown.text}\n  ${shown.caret}`;
      });
    return failure('asm', messages.join('\n'));
  }
  const image = result.image;
  if (image === undefined || image.bytes.length === 0) return failure('asm', `"${instruction}" makes no bytes`);
  if (image.start !== address) return failure('asm', `"${instruction}" puts its bytes at ${hexWord(image.start)}, not ${hexWord(address)}`);
  const written = session.writeMemory(address, [...image.bytes]);
  if (!written.ok) return failure('asm', written.error);
  const [decoded] = session.disassemble(address, 1);
  const bytes = Array.from(image.bytes, (byte) => hexDigits(byte)).join(' ');
  return success('asm', { kind: 'memory', start: address, bytes: image.bytes }, `${hexWord(address)}  ${bytes.padEnd(8)}  ${decoded?.text ?? ''}`.trimEnd());
}

/** `fill <from> <to> <byte> [byte…]`: the range (both ends included) filled with the bytes, repeated. */
export function fillCommand(session: DebugSession, parts: readonly string[]): CommandResult {
  if (parts.length < 3) return failure('fill', 'fill needs a start, an end and at least one byte, e.g. fill $0200 $02FF 0');
  const from = addressOf(session, parts[0]!, 'fill');
  if (typeof from === 'string') return failure('fill', from);
  const to = addressOf(session, parts[1]!, 'fill');
  if (typeof to === 'string') return failure('fill', to);
  if (to < from) return failure('fill', `the range ends (${hexWord(to)}) before it starts (${hexWord(from)})`);
  const pattern: number[] = [];
  for (const text of parts.slice(2)) {
    const value = session.evaluate(text);
    if (!value.ok) return failure('fill', value.error);
    if (!Number.isInteger(value.value) || value.value < 0 || value.value > 0xff) return failure('fill', `"${text}" does not fit in a byte ($00-$FF)`);
    pattern.push(value.value);
  }
  const bytes = Array.from({ length: to - from + 1 }, (_, index) => pattern[index % pattern.length]!);
  const written = session.writeMemory(from, bytes);
  if (!written.ok) return failure('fill', written.error);
  return success('fill', { kind: 'memory', start: from, bytes: Uint8Array.from(bytes) }, `Filled ${hexWord(from)}-${hexWord(to)} (${bytes.length} bytes) with ${pattern.map((byte) => '$' + hexDigits(byte)).join(' ')}`);
}

/** `load <file> [address]`: the file's bytes into memory (default: where the program starts). */
export function loadCommand(session: DebugSession, parts: readonly string[], context: CommandContext): CommandResult {
  if (context.files === undefined) return failure('load', 'load needs files, which this face does not give');
  if (parts.length < 1 || parts.length > 2) return failure('load', 'load needs a file and an optional address, e.g. load data.bin $0200');
  const address = parts[1] === undefined ? session.debugProgram.image?.start ?? 0x0600 : addressOf(session, parts[1], 'load');
  if (typeof address === 'string') return failure('load', address);
  const bytes = context.files.read(parts[0]!, 0x10000 - address);
  if (!bytes.ok) return failure('load', bytes.error);
  const written = session.writeMemory(address, [...bytes.value]);
  if (!written.ok) return failure('load', written.error);
  const end = address + bytes.value.length - 1;
  return success('load', { kind: 'memory', start: address, bytes: bytes.value }, `Loaded ${bytes.value.length} bytes from ${parts[0]} at ${hexWord(address)}-${hexWord(Math.max(address, end))}`);
}

/** `save <file> <from> <to>`: memory from..to (both included) into a new file; `save!` may replace one. */
export function saveCommand(session: DebugSession, parts: readonly string[], overwrite: boolean, context: CommandContext): CommandResult {
  const name = overwrite ? 'save!' : 'save';
  if (context.files === undefined) return failure('save', 'save needs files, which this face does not give');
  if (parts.length !== 3) return failure('save', `${name} needs a file, a start and an end, e.g. save screen.bin $0200 $05FF`);
  const from = addressOf(session, parts[1]!, 'save');
  if (typeof from === 'string') return failure('save', from);
  const to = addressOf(session, parts[2]!, 'save');
  if (typeof to === 'string') return failure('save', to);
  if (to < from) return failure('save', `the range ends (${hexWord(to)}) before it starts (${hexWord(from)})`);
  const bytes = session.readMemory(from, to - from + 1);
  const written = context.files.write(parts[0]!, bytes, overwrite);
  if (!written.ok) return failure('save', written.error);
  return success('save', { kind: 'none' }, `Saved ${bytes.length} bytes ${hexWord(from)}-${hexWord(to)} to ${parts[0]}`);
}

/** An expression that must be an address; the error text otherwise. */
function addressOf(session: DebugSession, text: string, command: string): number | string {
  const value = session.evaluate(text);
  if (!value.ok) return `${command}: ${value.error}`;
  if (!Number.isInteger(value.value) || value.value < 0 || value.value > 0xffff) return `"${text}" is ${value.value} — not an address ($0000-$FFFF)`;
  return value.value;
}
