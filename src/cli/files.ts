/** Reading the user's files with errors worth reading: which file, and what is wrong with it. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { UserError } from './errors.js';

/** Bytes of a file no larger than `maxBytes`; a UserError for missing, unreadable, empty or oversized files. */
export function readBinaryFile(path: string, maxBytes: number, what = 'binary'): Uint8Array {
  const size = fileSize(path);
  if (size === 0) throw new UserError(`${path}: the file is empty; there is nothing to load.`);
  if (size > maxBytes) {
    throw new UserError(`${path}: ${size} bytes is too large for a 6502 ${what} (at most ${maxBytes} bytes fit here).`);
  }
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UserError(`${path}: cannot read the file (${reasonOf(error)}).`);
  }
}

/** A text file, decoded as UTF-8. */
export function readTextFile(path: string): string {
  fileSize(path);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path}: cannot read the file (${reasonOf(error)}).`);
  }
}

export function writeOutputFile(path: string, contents: string | Uint8Array): void {
  try {
    writeFileSync(path, contents);
  } catch (error) {
    throw new UserError(`${path}: cannot write the file (${reasonOf(error)}).`);
  }
}

function fileSize(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file.`);
    throw new UserError(`${path}: cannot open the file (${reasonOf(error)}).`);
  }
  if (stats.isDirectory()) throw new UserError(`${path}: is a directory, not a file.`);
  return stats.size;
}

export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
