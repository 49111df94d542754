/** `moth asm` with ca65's and ld65's habits: several files, -C config, -m map, -D, -I, and errors in a config. */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(readFileSync(map, 'utf8')).toMatch(/^helper\s+00E003$/m);
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
