/**
 * The user's files, read and written with errors worth reading: reads are bounded (a FIFO or /dev/zero
 * cannot fill memory), outputs are written whole or not at all, and no output may land on an input.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, chmodSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { groupThousands } from '../shared/thousands.js';
import { UserError } from './errors.js';

/** The largest text file moth reads: far above any real 6502 source, far below what would strain memory. */
export const MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024;

/** Bytes of a file no larger than `maxBytes`; a UserError for missing, unreadable, empty or oversized files. */
export function readBinaryFile(path: string, maxBytes: number, what = 'binary'): Uint8Array {
  const bytes = readFileBounded(path, maxBytes, (size) => `${size} bytes is too large for a 6502 ${what} (at most ${groupThousands(maxBytes)} bytes fit here).`);
  if (bytes.length === 0) throw new UserError(`${path}: the file is empty; there is nothing to load.`);
  return bytes;
}

/** A text file, decoded as UTF-8. */
export function readTextFile(path: string): string {
  return new TextDecoder().decode(readFileBounded(path, MAX_TEXT_FILE_BYTES));
}

/**
 * At most `maxBytes` of a file, read in chunks so that a device or a pipe that never ends is refused once it
 * passes the limit instead of being read into memory whole. A directory, a missing file or a read error
 * becomes a UserError naming the file and the reason.
 */
export function readFileBounded(path: string, maxBytes: number, tooLarge?: (size: string) => string): Uint8Array {
  const describeTooLarge = (size: string): string =>
    `${path}: ${tooLarge?.(size) ?? `the file is larger than ${groupThousands(maxBytes)} bytes; moth reads files up to that size.`}`;
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new UserError(`${path}: is a directory, not a file.`);
    if (stats.isFile() && stats.size > maxBytes) throw new UserError(describeTooLarge(groupThousands(stats.size)));
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      // A regular file says its size: one chunk that fits it, then a small one to see the end (or growth);
      // zeroing a 1 MiB chunk per read made every .include of a large source cost ~1 ms.
      const wanted = stats.isFile() ? Math.max(4096, stats.size - total + 1) : 1 << 20;
      const chunk = new Uint8Array(Math.min(wanted, maxBytes + 1 - total));
      let count: number;
      try {
        count = readSync(descriptor, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
        throw new UserError(`${path}: cannot read the file (${reasonOf(error)}).`);
      }
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
      if (total > maxBytes) throw new UserError(describeTooLarge(`more than ${groupThousands(maxBytes)}`));
    }
    return concatenate(chunks, total);
  } finally {
    closeSync(descriptor);
  }
}

/** A file's contents as one array (without copying when it came in one chunk). */
function concatenate(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Writes a file whole or not at all: a regular file (or a new one) is written under a temporary name beside
 * it and then renamed over it, so a full disk or a crash leaves the old file as it was. Devices and pipes
 * (`/dev/null`, `/dev/stdout`, a FIFO) are written directly: they cannot be replaced, only written to.
 */
export function writeOutputFile(path: string, contents: OutputContents): void {
  const existing = statOrUndefined(path);
  if (existing !== undefined && existing.isDirectory()) throw new UserError(`${path}: is a directory, not a file.`);
  if (existing !== undefined && !existing.isFile()) {
    try {
      writeContents(path, contents, 'w');
    } catch (error) {
      throw new UserError(`${path}: cannot write the file (${reasonOf(error)}).`);
    }
    return;
  }
  // A symbolic link keeps pointing where it did: the file it names is the one replaced.
  const target = existing === undefined ? path : realpathSync(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    writeContents(temporary, contents, 'wx');
    if (existing !== undefined) chmodSync(temporary, existing.mode & 0o7777);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // It was never created, or is already gone.
    }
    throw new UserError(`${path}: cannot write the file (${reasonOf(error)}); ${existing === undefined ? 'nothing was written' : 'the old file is unchanged'}.`);
  }
}

/**
 * What an output holds: bytes, text, or text in pieces (a symbol file of deeply nested scopes can be longer
 * than the longest string JavaScript can make, so it is written a piece at a time).
 */
export type OutputContents = string | Uint8Array | Iterable<string>;

/** Pieces are gathered up to this many characters before each write, so small lines cost few system calls. */
const WRITE_BATCH_CHARACTERS = 1 << 16;

function writeContents(path: string, contents: OutputContents, flag: 'w' | 'wx'): void {
  if (typeof contents === 'string' || contents instanceof Uint8Array) {
    writeFileSync(path, contents, { flag });
    return;
  }
  const descriptor = openSync(path, flag);
  try {
    let batch = '';
    for (const piece of contents) {
      batch += piece;
      if (batch.length >= WRITE_BATCH_CHARACTERS) {
        writeSync(descriptor, batch);
        batch = '';
      }
    }
    if (batch !== '') writeSync(descriptor, batch);
  } finally {
    closeSync(descriptor);
  }
}

/** An output the user named on the command line: the option that named it, for the error message. */
export interface NamedOutput {
  readonly option: string;
  readonly path: string;
}

/**
 * Refuses, before anything is written, an output that would replace one of the inputs (the source, a file it
 * includes) or two outputs at one path: `moth asm h.s -o h.s` must not destroy the source. Paths are
 * compared as files, so `./h.s`, a symbolic link to it or a hard link all count as the same file.
 * Devices (`/dev/null`) may be named any number of times.
 */
export function checkOutputPaths(inputs: readonly string[], outputs: readonly NamedOutput[]): void {
  const inputIdentities = new Map<string, string>();
  for (const input of inputs) {
    const identity = fileIdentity(input);
    if (identity !== undefined) inputIdentities.set(identity.key, input);
  }
  const seen = new Map<string, NamedOutput>();
  for (const output of outputs) {
    const identity = fileIdentity(output.path);
    if (identity === undefined || !identity.replaceable) continue;
    const input = inputIdentities.get(identity.key);
    if (input !== undefined) {
      throw new UserError(
        `${output.option} ${output.path} would overwrite the input ${input}; nothing was written. Name another file for ${output.option}.`,
      );
    }
    const earlier = seen.get(identity.key);
    if (earlier !== undefined) {
      throw new UserError(
        `${earlier.option} and ${output.option} both name ${output.path}; nothing was written. Give each output its own file.`,
      );
    }
    seen.set(identity.key, output);
  }
}

/** What makes two paths one file: device and inode when it exists, else its resolved place. */
function fileIdentity(path: string): { key: string; replaceable: boolean } | undefined {
  const stats = statOrUndefined(path);
  if (stats !== undefined) return { key: `inode:${stats.dev}:${stats.ino}`, replaceable: stats.isFile() };
  let folder: string;
  try {
    folder = realpathSync(dirname(resolve(path)));
  } catch {
    return undefined; // the folder does not exist: writing will fail with its own message
  }
  const inFolder = statOrUndefined(join(folder, basename(path)));
  if (inFolder !== undefined) return { key: `inode:${inFolder.dev}:${inFolder.ino}`, replaceable: inFolder.isFile() };
  return { key: `path:${join(folder, basename(path))}`, replaceable: true };
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function openError(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${path}: no such file.`);
  if (code === 'EISDIR') return new UserError(`${path}: is a directory, not a file.`);
  if (code === 'EACCES') return new UserError(`${path}: cannot open the file (EACCES: you do not have permission to read it).`);
  return new UserError(`${path}: cannot open the file (${reasonOf(error)}).`);
}

export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
