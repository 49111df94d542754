// Machine files: a good one becomes the same description a preset is; every bad one is reported at its line and column.
import { describe, expect, it } from 'vitest';
import { parseMachineFile } from '../../src/machine/machine-file.js';
import { Machine } from '../../src/machine/machine.js';
import { IDLE_STOP_CYCLES } from '../../src/machine/presets.js';

const GOOD = `# a board of my own
name = "mine"
description = "RAM, a VIA, a 6850 and ROM"
cpu = "6502"
load = 0xE000
start = "vector"

[[memory]]
kind = "ram"
start = 0x0000
end = 0x7FFF

[[memory]]
kind = "mirror"
start = 0x0800
end = 0x1FFF
of = 0x0000

[[memory]]
kind = "unmapped"
start = 0x8000
end = 0xDFFF

[[memory]]
kind = "rom"
start = "$E000"
end = "$FFFF"

[[device]]
name = "via"
type = "via6522"
base = 0x9000
interrupt = "irq"

[[device]]
name = "serial"
type = "acia6850"
base = 0x9800
interrupt = "nmi"

[console]
device = "serial"
newline = "cr"
`;

describe('parseMachineFile', () => {
  it('reads regions, devices, console and start rule', () => {
    const result = parseMachineFile(GOOD, 'mine.toml');
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    const description = result.description;
    expect(description.name).toBe('mine');
    expect(description.defaultLoadAddress).toBe(0xe000);
    expect(description.reset).toEqual({ kind: 'vector' });
    expect(description.regions[1]).toEqual({ kind: 'mirror', start: 0x0800, end: 0x1fff, of: 0x0000 });
    expect(description.regions[3]).toEqual({ kind: 'rom', start: 0xe000, end: 0xffff });
    expect(description.devices.map((device) => [device.name, device.type, device.base, device.interrupt])).toEqual([
      ['via', 'via6522', 0x9000, 'irq'],
      ['serial', 'acia6850', 0x9800, 'nmi'],
    ]);
    expect(description.console).toMatchObject({ device: 'serial', newline: 'cr', idleStopCycles: IDLE_STOP_CYCLES });
  });

  it('builds a machine whose RAM mirror is written through', () => {
    const result = parseMachineFile(GOOD, 'mine.toml');
    if (!result.ok) throw new Error('bad');
    const machine = new Machine({ description: result.description });
    machine.cpu.bus.write(0x0810, 0x42);
    expect([machine.peek(0x0010), machine.peek(0x1010), machine.peek(0x1810)]).toEqual([0x42, 0x42, 0x42]);
    machine.cpu.bus.write(0xe000, 0x42);
    expect(machine.peek(0xe000)).toBe(0); // ROM
  });

  it('reports every problem at its line and column with the source line', () => {
    const text = [
      'cpu = "z80"', //                      1
      'colour = "red"', //                   2
      '[[device]]', //                       3
      'type = "via6522"', //                 4
      'base = 0x9000', //                    5
      '[[device]]', //                       6
      'type = "acia6551"', //                7
      'name = "acia"', //                    8
      'base = 0x9008', //                    9
      '[[memory]]', //                       10
      'kind = "ram"', //                     11
      'start = 0x8000', //                   12
      'end = 0x7000', //                     13
      '[console]', //                        14
      'device = "uart"', //                  15
    ].join('\n');
    const result = parseMachineFile(text, 'bad.toml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const summary = result.problems.map((problem) => `${problem.location.line}:${problem.location.column} ${problem.message}`);
    expect(summary).toEqual([
      '2:10 unknown key "colour" (known here: name, description, cpu, start, load, random_byte, display, memory, device, console)',
      '1:7 "cpu" must be one of "6502", "65c02", "2a03"',
      '13:7 end $7000 is before start $8000',
      '9:8 "acia" at $9008-$900B overlaps "via6522" at $9000-$900F',
      '15:10 no device is named "uart"',
    ]);
    expect(result.problems[0]!.sourceLine).toBe('colour = "red"');
    expect(result.problems[0]!.length).toBe(5);
  });

  it('a TOML syntax error is located too', () => {
    const result = parseMachineFile('name = "x"\nload = = 1\n', 'syntax.toml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.location).toMatchObject({ file: 'syntax.toml', line: 2 });
    expect(result.problems[0]!.message).toMatch(/^not valid TOML/);
  });

  it('an LCD must hang on a VIA', () => {
    const result = parseMachineFile('[[device]]\ntype = "hd44780"\nvia = "nothing"\n', 'lcd.toml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/hangs on a VIA/);
  });
});

describe('the start rule of a machine file', () => {
  it('start = ADDRESS wins over the load address when memory holds no reset vector', async () => {
    const { startProgram } = await import('../../src/machine/program-start.js');
    const result = parseMachineFile('start = 0x0400\nload = 0x0000\n', 'fixed.toml');
    if (!result.ok) throw new Error('bad');
    const machine = new Machine({ description: result.description });
    machine.load(Uint8Array.from([0xea]), 0x0000);
    startProgram(machine, 0x0000);
    expect(machine.cpu.pc).toBe(0x0400);
    startProgram(machine, 0x0000, { start: 0x0200 }); // an explicit --start still wins
    expect(machine.cpu.pc).toBe(0x0200);
  });
});

describe('serial line options', () => {
  it('flow_control = false reaches the 6551 and 6850 as a real line', () => {
    const result = parseMachineFile('[[device]]\ntype = "acia6551"\nbase = 0x5000\nflow_control = false\n[[device]]\ntype = "acia6850"\nbase = 0x5100\n', 'line.toml');
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    expect(result.description.devices.map((device) => device.options.flowControl)).toEqual([false, undefined]);
  });
});
