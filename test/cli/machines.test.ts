// `moth machines`, `moth run --machine FILE`, `--rom`, `--success-trap` and `--dump`, run as a user runs them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/machine/presets.js';
import { requireBuild, runMothAsync } from './helpers.js';

let folder: string;

beforeAll(() => {
  requireBuild();
  folder = mkdtempSync(join(tmpdir(), 'moth-machines-'));
  // A tiny "ROM" for the sbc preset: prints "ok" through the 6850 and traps at $C011.
  writeFileSync(
    join(folder, 'rom.s'),
    [
      '        .org $c000',
      'reset:  lda #$15',
      '        sta $a000',
      '        lda #$6f',
      '        sta $a001',
      '        lda #$6b',
      '        sta $a001',
      '        ldx #$2a',
      'done:   jmp done',
      '        *= $fffc',
      '        .word reset',
    ].join('\n'),
  );
  writeFileSync(join(folder, 'bad.toml'), 'name = "bad"\n[[device]]\ntype = "via6522"\nbase = 0x1FFFF\n');
  writeFileSync(
    join(folder, 'tiny.toml'),
    ['name = "tiny"', 'load = 0x0200', '[[device]]', 'name = "out"', 'type = "console"', 'base = 0x9000', '[console]', 'device = "out"'].join('\n'),
  );
  writeFileSync(join(folder, 'hello.s'), ['        .org $0200', '        lda #$48', '        sta $9000', '        lda #$69', '        sta $9000', 'done:   jmp done'].join('\n'));
  writeFileSync(join(folder, 'data.bin'), Uint8Array.from([0xde, 0xad, 0xbe, 0xef]));
  // A whole 64 KiB image as test suites ship them: $FF filler everywhere (page $F0 too), `JMP $0400` at $0400.
  const image = new Uint8Array(0x10000).fill(0xff);
  image.set([0x4c, 0x00, 0x04], 0x0400);
  writeFileSync(join(folder, 'full.bin'), image);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('moth machines', () => {
  it('lists every preset with its description', async () => {
    const result = await runMothAsync(['machines']);
    expect(result.status).toBe(0);
    for (const name of PRESET_NAMES) expect(result.stdout).toMatch(new RegExp(`^${name} +\\S`, 'm'));
    expect(result.stdout).toContain("Ben Eater's breadboard computer");
  });
});

describe('moth run on other machines', () => {
  it('boots a ROM on a preset from its reset vector and succeeds at the success trap', async () => {
    const rom = join(folder, 'rom.s');
    const good = await runMothAsync(['run', rom, '--machine', 'sbc', '--success-trap', '0xC011']);
    expect(good.stdout).toBe('ok');
    expect(good.status).toBe(0);
    expect(good.stderr).toContain('Trapped at $C011: the instruction jumps to itself; the success trap');
    const bad = await runMothAsync(['run', rom, '--machine', 'sbc', '--success-trap', '0x3469']);
    expect(bad.status).toBe(5);
    expect(bad.stderr).toContain('Trapped at $C011: the instruction jumps to itself; not the success trap $3469');
  });

  it('a machine file moves the console; --rom places an image; --dump prints memory after the run', async () => {
    const result = await runMothAsync([
      'run',
      join(folder, 'hello.s'),
      '--machine',
      join(folder, 'tiny.toml'),
      '--rom',
      `${join(folder, 'data.bin')}@0x4000`,
      '--dump',
      '0x4000:0x4003',
      '-q',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Hi\n4000  DE AD BE EF                                      ....\n');
  });

  it('a bad machine file is reported at its line and column with a caret, and nothing runs', async () => {
    const file = join(folder, 'bad.toml');
    const result = await runMothAsync(['run', join(folder, 'hello.s'), '--machine', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${file}:4:8: error: "base" must be an address from $0000 to $FFFF (0x6000 or "$6000")\n    base = 0x1FFFF\n           ^~~~~~~\n1 error\n`,
    );
  });

  it('a 64 KiB image over the device page runs, with a warning naming the addresses (it was refused)', async () => {
    const result = await runMothAsync(['run', join(folder, 'full.bin'), '--load', '0', '--start', '0x400', '--success-trap', '0x400']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('covers $F001-$F005, registers of the console "console" at $F001-$F005');
  });

  it('moth debug warns about the same image the same way, with the addresses (it said nothing)', async () => {
    writeFileSync(join(folder, 'steps.txt'), 'regs\n');
    const result = await runMothAsync(['debug', join(folder, 'full.bin'), '--load', '0', '--start', '0x400', '--script', join(folder, 'steps.txt')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`moth: warning: ${join(folder, 'full.bin')}: the image at $0000-$FFFF covers $F001-$F005, registers of the console "console" at $F001-$F005`);
  });

  it('moves the console, exit port, timer and display anywhere a machine file puts them', async () => {
    writeFileSync(
      join(folder, 'moved.toml'),
      [
        'name = "moved"', 'load = 0x0200', 'display = 0x1000',
        '[[device]]', 'name = "out"', 'type = "console"', 'base = 0xD000',
        '[[device]]', 'type = "exit-port"', 'base = 0xC100',
        '[[device]]', 'type = "timer"', 'base = 0xC200', 'interrupt = "irq"',
        '[console]', 'device = "out"',
      ].join('\n'),
    );
    writeFileSync(
      join(folder, 'moved.s'),
      [
        '        .org $0200',
        '        lda #<irq', '        sta $fffe', '        lda #>irq', '        sta $ffff',
        '        lda #$6f', '        sta $d000', '        lda #$6b', '        sta $d000', // "ok" on the moved console
        '        lda #5', '        sta $1000', // a green pixel at the moved display's first byte
        '        lda #100', '        sta $c200', '        lda #0', '        sta $c201', '        lda #3', '        sta $c202', // the moved timer, with IRQ
        '        cli',
        'wait:   jmp wait',
        'irq:    lda #7', '        sta $c100', // the moved exit port
      ].join('\n'),
    );
    const result = await runMothAsync(['run', join(folder, 'moved.s'), '--machine', join(folder, 'moved.toml'), '--display']);
    expect(result.status).toBe(7);
    expect(result.stdout).toMatch(/^ok/);
    expect(result.stdout).toMatch(/^ok\n5\.{31}\n\.{32}\n/); // the display read from $1000 (it read $0200)
  });

  it('an unknown machine name says what exists', async () => {
    const result = await runMothAsync(['run', join(folder, 'hello.s'), '--machine', 'c64']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown machine "c64": use one of default, easy6502, apple1, eater, sbc');
  });

  it('shows the LCD after a run on the eater', async () => {
    const result = await runMothAsync(['run', join(folder, 'rom.s'), '--machine', 'eater', '--max-cycles', '1000']);
    expect(result.stderr).toContain('┌────────────────┐ LCD\n│                │\n│                │\n└────────────────┘\n');
  });
});
