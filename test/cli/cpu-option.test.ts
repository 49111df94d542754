// `--cpu` takes a variant's name in any case (65C02, as the chip is printed) on every command, and so do machine files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as conformance } from '../../src/conformance/main.js';
import { parseMachineFile } from '../../src/machine/machine-file.js';
import { requireBuild, runMoth } from './helpers.js';

/** PHX; PLA; BRK: a 65C02 instruction, so the run only gets through it on the 65C02. */
const SOURCE = '.setcpu "65C02"\n  ldx #$42\n  phx\n  pla\n  brk\n';

describe('--cpu in any case', () => {
  let directory: string;
  let source: string;
  beforeAll(() => {
    requireBuild();
    directory = mkdtempSync(join(tmpdir(), 'moth-cpu-'));
    source = join(directory, 'phx.s');
    writeFileSync(source, SOURCE);
  });

  it('run --cpu 65C02 runs PHX as the 65C02 does', () => {
    const result = runMoth(['run', source, '--cpu', '65C02', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).registers.a).toBe(0x42);
  });

  it('run --explain --cpu 65C02 explains PHX and PLA in plain words', () => {
    const result = runMoth(['run', source, '--cpu', '65C02', '--explain', '-q']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^PHX: pushes X\(\$42\) to \$01FD; SP \$FD → \$FC/m);
    expect(result.stdout).toMatch(/^PLA: A ← \$42 pulled from \$01FD/m);
  });

  it('asm and disasm --cpu 65C02 read the 65C02 table', () => {
    const binary = join(directory, 'phx.bin');
    const assembled = runMoth(['asm', source, '-o', binary, '--cpu', '65C02']);
    expect(assembled.stderr).toBe('');
    expect(assembled.status).toBe(0);
    expect([...readFileSync(binary)]).toEqual([0xa2, 0x42, 0xda, 0x68, 0x00]);
    const listing = runMoth(['disasm', binary, '--cpu', '65C02']);
    expect(listing.status).toBe(0);
    expect(listing.stdout).toMatch(/PHX/);
    expect(runMoth(['disasm', binary, '--cpu', '2A03']).stdout).not.toMatch(/PHX/);
  });

  it('debug --cpu 65C02 steps PHX', () => {
    const script = join(directory, 'steps.txt');
    writeFileSync(script, 'step\nstep\nregs\n');
    const result = runMoth(['debug', source, '--cpu', '65C02', '--script', script]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\$0602 {2}PHX/);
    expect(result.stdout).toMatch(/X=\$42 Y=\$00 SP=\$FC/); // PHX pushed: the 65C02 ran it
  });

  it('an unknown name is refused with the names it takes, without a stack trace', () => {
    const result = runMoth(['run', source, '--cpu', 'z80']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/'z80' is not a CPU moth knows; write one of 6502, 65c02, 2a03/);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('the conformance runner takes --cpu 65C02', async () => {
    const errors: string[] = [];
    const code = await conformance(['--cpu', '65C02', directory], { out: () => {}, err: (line) => errors.push(line), env: {} });
    // The directory holds no vectors: the complaint is about them, not about the CPU's name.
    expect(code).toBe(2);
    expect(errors.join('\n')).toMatch(/holds no \*\.json\.gz vector files/);
    expect(errors.join('\n')).not.toMatch(/--cpu wants/);
  });

  it('a machine file may write cpu = "65C02"', () => {
    const result = parseMachineFile('cpu = "65C02"\n[[memory]]\nkind = "ram"\nstart = 0x0000\nend = 0xFFFF\n', 'mine.toml');
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    expect(result.description.cpu).toBe('65c02');
  });
});
