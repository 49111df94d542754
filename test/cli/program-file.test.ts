// Turning the command line's file into bytes: sources vs binaries, errors as UserError.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.js';
import { isSourceFile } from '../../src/cli/file-kind.js';
import { loadProgramFile } from '../../src/cli/program-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'moth-program-file-'));

describe('program files', () => {
  it('treats .s, .asm, .a65 and .inc as sources, anything else as a binary', () => {
    expect(['a.s', 'b.ASM', 'c.a65', 'd.inc'].map(isSourceFile)).toEqual([true, true, true, true]);
    expect(['a.bin', 'b.prg', 'c'].map(isSourceFile)).toEqual([false, false, false]);
  });

  it('assembles a source at its origin and collects its labels', async () => {
    const path = join(scratch, 'tiny.s');
    writeFileSync(path, '        .org $0800\nstart:  LDA #1\n        BRK\n');
    const program = await loadProgramFile(path, undefined, false);
    expect(program.kind).toBe('source');
    expect(program.start).toBe(0x0800);
    expect([...program.bytes]).toEqual([0xa9, 0x01, 0x00]);
    expect(program.labels.get(0x0800)).toBe('start');
  });

  it('loads a binary at the given address, and refuses one that does not fit', async () => {
    const path = join(scratch, 'two.bin');
    writeFileSync(path, Uint8Array.from([0xea, 0x00]));
    const program = await loadProgramFile(path, 0xfffe, false);
    expect(program).toMatchObject({ kind: 'binary', start: 0xfffe });
    await expect(loadProgramFile(path, 0xffff, false)).rejects.toBeInstanceOf(UserError);
  });

  it('reports assembler errors as a UserError carrying the formatted diagnostics', async () => {
    const path = join(scratch, 'broken.s');
    writeFileSync(path, '  LDA #\n');
    const failure = await loadProgramFile(path, undefined, false).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).formatted).toMatch(/broken\.s:1:\d+: error: /);
  });
});
