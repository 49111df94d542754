/** `moth asm` with ca65's and ld65's habits: several files, -C config, -m map, -D, -I, and errors in a config. */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ca65Available } from '../helpers/ca65.js';
import { requireBuild, runMoth } from './helpers.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
let scratch = '';

beforeAll(() => {
  requireBuild();
  scratch = mkdtempSync(join(tmpdir(), 'moth-link-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe('moth asm, linking', () => {
  it('links two files with a configuration into every file it names, and writes a map', () => {
    const config = file('rom.cfg', 'MEMORY { ROM: start = $E000, size = $10, file = %O, fill = yes, fillval = $FF; }\nSEGMENTS { CODE: load = ROM, type = ro; }\n');
    const main = file('main.s', '.import helper\nstart: jsr helper\n');
    const helper = file('helper.s', '.export helper\nhelper: rts\n');
    const output = join(scratch, 'rom.bin');
    const map = join(scratch, 'rom.map');
    const result = runMoth(['asm', main, helper, '-C', config, '-o', output, '-m', map]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('main.s helper.s: 16 bytes');
    expect([...readFileSync(output)]).toEqual([0x20, 0x03, 0xe0, 0x60, ...new Array(12).fill(0xff)]);
    expect(readFileSync(map, 'utf8')).toMatch(/^CODE\s+00E000\s+00E003\s+000004/m);
    expect(readFileSync(map, 'utf8')).toMatch(/^helper\s+00E003 RLA\s*$/m);
  });

  it('writes every module\'s listing at the addresses the linker gave, with the bytes the imports resolved to', () => {
    const config = file('rom2.cfg', 'MEMORY { ROM: start = $E000, size = $10, file = %O; }\nSEGMENTS { CODE: load = ROM, type = ro; }\n');
    const main = file('main2.s', '.import helper\nstart: jsr helper\n');
    const helper = file('helper2.s', '.export helper\nhelper: rts\n');
    const listing = join(scratch, 'rom2.lst');
    const result = runMoth(['asm', main, helper, '-C', config, '-o', join(scratch, 'rom2.bin'), '--listing', listing]);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const text = readFileSync(listing, 'utf8');
    expect(text).toContain(`; ${main}\n`);
    expect(text).toMatch(/^00E000  1  20 03 E0     start: jsr helper$/m);
    expect(text).toMatch(/^00E003  1  60           helper: rts$/m);
  });

  it.skipIf(!ca65Available)("writes ld65's map, line for line, except that modules are named by their sources", () => {
    const config = file('map.cfg', 'MEMORY { ROM: start = $8000, size = $100, file = %O, fill = yes, fillval = $ff; }\nSEGMENTS { CODE: load = ROM, type = ro; RODATA: load = ROM, type = ro; DATA: load = ROM, type = rw; }\n');
    const main = file('mapmain.s', '.import print\n.export message\nstart: ldx #0\n jsr print\n jmp start\n.rodata\nmessage: .byte "hi", 0\n');
    const io = file('mapio.s', '.import message\n.export print\nprint: lda message,x\n sta $f001\n rts\n.data\n.align 2\ncount: .byte 0\n');
    const ours = join(scratch, 'moth.map');
    expect(runMoth(['asm', main, io, '-C', config, '-o', join(scratch, 'map.bin'), '-m', ours]).status).toBe(0);
    const theirs = join(scratch, 'ld65.map');
    for (const source of [main, io]) expect(spawnSync('ca65', [source, '-o', source.replace(/\.s$/, '.o')]).status).toBe(0);
    expect(spawnSync('ld65', ['-C', config, '-o', join(scratch, 'ld65.bin'), '-m', theirs, main.replace(/\.s$/, '.o'), io.replace(/\.s$/, '.o')]).status).toBe(0);
    const objectNames = readFileSync(theirs, 'utf8').replaceAll(main.replace(/\.s$/, '.o'), main).replaceAll(io.replace(/\.s$/, '.o'), io).replaceAll('mapmain.o', 'mapmain.s').replaceAll('mapio.o', 'mapio.s');
    expect(readFileSync(ours, 'utf8')).toBe(objectNames);
  });

  it('without a configuration, links several files at $0600 like a single one', () => {
    const first = file('one.s', '.import two\njmp two\n');
    const second = file('two.s', '.export two\ntwo: brk\n');
    const output = join(scratch, 'both.bin');
    expect(runMoth(['asm', first, second, '-o', output]).status).toBe(0);
    expect([...readFileSync(output)]).toEqual([0x4c, 0x03, 0x06, 0x00]);
  });

  it('takes -D constants and -I include directories as ca65 does', () => {
    mkdirSync(join(scratch, 'inc'), { recursive: true });
    writeFileSync(join(scratch, 'inc', 'values.inc'), 'VALUE = $42\n');
    const source = file('defs.s', '.include "values.inc"\n.ifdef osi\nlda #VALUE\n.endif\nlda #LIMIT\n');
    const output = join(scratch, 'defs.bin');
    const result = runMoth(['asm', source, '-D', 'osi', '-D', 'LIMIT=$10', '-I', join(scratch, 'inc'), '-o', output]);
    expect(result.stderr).toBe('');
    expect([...readFileSync(output)]).toEqual([0xa9, 0x42, 0xa9, 0x10]);
  });

  it('reports a mistake in a configuration at its line and column, without a stack trace', () => {
    const config = file('bad.cfg', 'MEMORY {\n  ROM: start = $E000, size = $10, colour = red;\n}\n');
    const result = runMoth(['asm', file('x.s', 'nop\n'), '-C', config]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("bad.cfg:2:35: error: unknown attribute 'colour'");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('never writes over an input, even when the configuration names it', () => {
    const main = file('keep.s', 'nop\n');
    const config = file('over.cfg', `MEMORY { M: start = $1000, size = $10, file = "${main}"; }\nSEGMENTS { CODE: load = M; }\n`);
    const result = runMoth(['asm', main, '-C', config]);
    expect(result.status).toBe(1);
    expect(readFileSync(main, 'utf8')).toBe('nop\n');
  });

  it('refuses a bad -D', () => {
    const result = runMoth(['asm', file('y.s', 'nop\n'), '-D', '9lives']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("'9lives' is not a definition");
  });
});
