/**
 * The file port of the debugger's monitor commands (`load`, `save`) on Node: paths relative to the working
 * directory; reads only regular files up to a size limit; writes through a temporary file in the same
 * folder, then a hard link (which fails when the name exists, so an existing file is never replaced behind
 * the user's back) or, for `save!`, a rename (atomic: readers see the old file or the new one, never half).
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CommandFiles } from '../debugger/commands-monitor.js';
import type { Result } from '../shared/result.js';

export const nodeCommandFiles: CommandFiles = {
  read(path: string, limit: number): Result<Uint8Array> {
    try {
      const stats = statSync(path);
      if (!stats.isFile()) return { ok: false, error: `${path} is not a regular file` };
      if (stats.size > limit) return { ok: false, error: `${path} has ${stats.size} bytes; only ${limit} fit from there to $FFFF` };
      return { ok: true, value: new Uint8Array(readFileSync(path)) };
    } catch (error) {
      return { ok: false, error: describe(path, error) };
    }
  },

  write(path: string, bytes: Uint8Array, overwrite: boolean): Result<void> {
    const temporary = join(dirname(path), `.${basename(path)}.moth-${process.pid}-${Date.now()}.tmp`);
    try {
      const handle = openSync(temporary, 'wx', 0o644);
      try {
        writeSync(handle, bytes);
        fsyncSync(handle);
      } finally {
        closeSync(handle);
      }
      if (overwrite) {
        renameSync(temporary, path);
        return { ok: true, value: undefined };
      }
      try {
        linkSync(temporary, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return { ok: false, error: `${path} exists; not overwritten (use save! to replace it)` };
        }
        throw error;
      }
      return { ok: true, value: undefined };
    } catch (error) {
      return { ok: false, error: describe(path, error) };
    } finally {
      try {
        unlinkSync(temporary);
      } catch {
        // Already renamed into place, or never made.
      }
    }
  },
};

function describe(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: no such file or folder`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  if (code === 'EISDIR') return `${path} is a folder`;
  return `${path}: ${(error as Error).message}`;
}
