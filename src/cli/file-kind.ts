/**
 * Whether a file on the command line is assembly source or a binary image: by its name when the name says
 * (`.s`, `.bin`), by its contents otherwise (`game.ca65` or `notes.txt` is source when it is text), and by
 * `--as source|binary` when the user says so. A binary named like a source is refused rather than
 * assembled, so its raw bytes never reach the terminal as "source lines".
 */
import { hex } from '../shared/hex.js';
import { UserError } from './errors.js';

export type ProgramKind = 'source' | 'binary';

const SOURCE_NAMES = /\.(s|asm|a65|inc)$/i;
/** Names that are images whatever their bytes look like (a data table can happen to be all text). */
const BINARY_NAMES = /\.(bin|rom|prg|nes|o65|img|raw)$/i;

export function isSourceFile(path: string): boolean {
  return SOURCE_NAMES.test(path);
}

/**
 * What `path` holds, given its bytes and what the user said (`--as`), or a UserError saying what to do
 * (`ifNotText`) when a file that must be source is not text.
 */
export function programKindOf(
  path: string,
  bytes: Uint8Array,
  declared: ProgramKind | undefined,
  ifNotText = 'If it is a program image, say so with --as binary.',
): ProgramKind {
  if (declared === 'binary') return 'binary';
  const notText = firstNonTextByte(bytes);
  if (declared === 'source' || isSourceFile(path)) {
    if (notText !== undefined) {
      throw new UserError(
        `${path}: this is not a text file (byte ${hex(bytes[notText]!)} at offset ${notText}), so it cannot be assembly source. ${ifNotText}`,
      );
    }
    return 'source';
  }
  if (BINARY_NAMES.test(path)) return 'binary';
  return notText === undefined ? 'source' : 'binary';
}

/**
 * The offset of the first byte that text does not have (NUL or a control character other than tab, line
 * feed, vertical tab, form feed, carriage return or a trailing Ctrl-Z), or of the first byte that is not
 * UTF-8 when the file has more than a few of those; undefined for text.
 */
export function firstNonTextByte(bytes: Uint8Array): number | undefined {
  let firstInvalid: number | undefined;
  let invalid = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte < 0x20) {
      if (byte >= 0x09 && byte <= 0x0d) continue;
      if (byte === 0x1a && index === bytes.length - 1) continue; // DOS end-of-file mark
      return index;
    }
    if (byte === 0x7f) return index;
    if (byte < 0x80) continue;
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) {
      // A Latin-1 comment in an old source is still text; a file full of such bytes is not.
      firstInvalid ??= index;
      invalid++;
      continue;
    }
    index += length - 1;
  }
  return invalid * 20 > bytes.length ? firstInvalid : undefined;
}

/** The length of the well-formed UTF-8 sequence starting at `index`, or 0 when it is not one. */
function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]!;
  const length = lead >= 0xf5 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  for (let offset = 1; offset < length; offset++) {
    const next = bytes[index + offset];
    if (next === undefined || (next & 0xc0) !== 0x80) return 0;
  }
  return length;
}
