// `moth asm` never overwrites what the user wrote: an output at an input's path, or two outputs at one path,
// is refused before anything is written, and each output is written whole or not at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOutputPaths, writeOutputFile } from '../../src/cli/files.js';
import { requireBuild, runMoth } from '../cli/helpers.js';
import { BIN } from './helpers.js';

const SOURCE = 'start:  LDA #1\n        STA $0200\n        BRK\n';
let scratch = '';

beforeAll(() => {
  requireBuild();
  scratch = mkdtempSync(join(tmpdir(), 'moth-outputs-'));
});

/** A fresh folder holding `h.s`; returns the folder. */
function folderWithSource(name: string): string {
  const folder = join(scratch, name);
  spawnSync('mkdir', ['-p', folder]);
  writeFileSync(join(folder, 'h.s'), SOURCE);
  return folder;
}

describe('moth asm refuses outputs that would replace an input', () => {
  it.each([
    ['-o', ['-o', 'h.s']],
    ['--listing', ['--listing', 'h.s']],
    ['--symbols', ['--symbols', './h.s']],
    ['--map', ['--map', 'h.s']],
  ])('%s at the source: a clear error, exit 1, the source untouched, nothing written', (option, extra) => {
    const folder = folderWithSource(`at-source-${option.replace(/-/g, '')}`);
    const result = spawnSync(process.execPath, [BIN, 'asm', 'h.s', ...extra], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${option} \\S*h\\.s would overwrite the input h\\.s; nothing was written`));
    expect(readFileSync(join(folder, 'h.s'), 'utf8')).toBe(SOURCE);
    expect(readdirSync(folder)).toEqual(['h.s']);
  });

  it('sees through a symbolic link and a hard link to the source', () => {
    const folder = folderWithSource('links');
    symlinkSync('h.s', join(folder, 'soft.s'));
    spawnSync('ln', [join(folder, 'h.s'), join(folder, 'hard.s')]);
    for (const output of ['soft.s', 'hard.s']) {
      const result = spawnSync(process.execPath, [BIN, 'asm', 'h.s', '-o', output], { cwd: folder, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('would overwrite the input h.s');
    }
    expect(readFileSync(join(folder, 'h.s'), 'utf8')).toBe(SOURCE);
  });

  it('refuses an output at a file the source includes', () => {
    const folder = folderWithSource('include');
    writeFileSync(join(folder, 'main.s'), '.include "h.s"\n');
    const result = spawnSync(process.execPath, [BIN, 'asm', 'main.s', '--listing', 'h.s'], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('would overwrite the input');
    expect(readFileSync(join(folder, 'h.s'), 'utf8')).toBe(SOURCE);
  });

  it('refuses two outputs at one path, naming both options', () => {
    const folder = folderWithSource('twice');
    const result = spawnSync(process.execPath, [BIN, 'asm', 'h.s', '-o', 'out', '--listing', './out'], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('-o and --listing both name ./out; nothing was written');
    expect(readdirSync(folder)).toEqual(['h.s']);
  });

  it('lets outputs share a device such as /dev/null', () => {
    const folder = folderWithSource('devnull');
    const result = spawnSync(process.execPath, [BIN, 'asm', 'h.s', '-o', '/dev/null', '--listing', '/dev/null'], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(0);
  });

  it('checkOutputPaths passes distinct new files', () => {
    const folder = folderWithSource('distinct');
    expect(() => checkOutputPaths([join(folder, 'h.s')], [{ option: '-o', path: join(folder, 'h.bin') }, { option: '--listing', path: join(folder, 'h.lst') }])).not.toThrow();
  });
});

describe('outputs are written whole or not at all', () => {
  it('a write that fails part-way (file size limit) leaves the old listing as it was, and no temporary file', () => {
    const folder = folderWithSource('whole');
    // A listing well over 2 KiB, against a 2 KiB file size limit: the write fails with EFBIG part-way.
    writeFileSync(join(folder, 'long.s'), Array.from({ length: 200 }, (_, index) => `label${index}: NOP ; a comment to make the listing long\n`).join('') + 'BRK\n');
    writeFileSync(join(folder, 'long.lst'), 'the old listing\n');
    const result = spawnSync('bash', ['-c', `ulimit -f 2; exec "${process.execPath}" "${BIN}" asm long.s --listing long.lst`], { cwd: folder, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('long.lst: cannot write the file (EFBIG); the old file is unchanged');
    expect(readFileSync(join(folder, 'long.lst'), 'utf8')).toBe('the old listing\n');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces a file by renaming a finished one over it, keeping its permissions', () => {
    const folder = folderWithSource('rename');
    const target = join(folder, 'out.bin');
    writeFileSync(target, 'old', { mode: 0o640 });
    const before = statSync(target);
    writeOutputFile(target, Uint8Array.from([1, 2, 3]));
    const after = statSync(target);
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
  });

  it('writes through a symbolic link to the file it names', () => {
    const folder = folderWithSource('through-link');
    writeFileSync(join(folder, 'real.lst'), 'old');
    symlinkSync('real.lst', join(folder, 'link.lst'));
    writeOutputFile(join(folder, 'link.lst'), 'new');
    expect(readFileSync(join(folder, 'real.lst'), 'utf8')).toBe('new');
    expect(statSync(join(folder, 'link.lst')).isFile()).toBe(true);
  });

  it('the ordinary case still writes every output', () => {
    const folder = folderWithSource('ordinary');
    const result = runMoth(['asm', join(folder, 'h.s'), '--listing', join(folder, 'h.lst'), '--symbols', join(folder, 'h.sym')]);
    expect(result.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['h.bin', 'h.lst', 'h.s', 'h.sym']);
  });
});
