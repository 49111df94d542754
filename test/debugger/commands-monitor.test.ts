// The py65mon-style monitor commands (asm, fill, load, save) and the bus commands (bus, cycle), through
// runCommand as the TUI's command line and `moth debug --script` call it, with the real Node file port.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/debugger/commands.js';
import { createSession } from '../../src/debugger/program.js';
import type { DebugSession } from '../../src/debugger/session.js';
import { nodeCommandFiles } from '../../src/tui/command-files.js';

const SOURCE = `
        .org $0600
start:  LDA #$01
        INC $10
        JSR bump
        BRK
bump:   RTS
`;

function session(): DebugSession {
  const created = createSession(SOURCE, { fileName: 'monitor.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

const files = { files: nodeCommandFiles };

describe('asm', () => {
  it('assembles one line into memory and shows the bytes written', () => {
    const target = session();
    const result = runCommand(target, 'asm $0700 LDA #1');
    expect(result.ok).toBe(true);
    expect(result.text).toBe('$0700  A9 01     LDA #$01');
    expect([...target.readMemory(0x0700, 2)]).toEqual([0xa9, 0x01]);
  });

  it('knows the program labels, takes %binary and decimal, and chooses zero page like the assembler', () => {
    const target = session();
    expect(runCommand(target, 'asm $0700 JMP start').text).toMatch(/^\$0700  4C 00 06/);
    expect(runCommand(target, 'a bump LDX #%101').text).toMatch(/^\$0608  A2 05/);
    expect(runCommand(target, 'asm 1792 STA $10').text).toMatch(/^\$0700  85 10/);
  });

  it('is undone by step back like any edit (it is part of the timeline)', () => {
    const target = session();
    target.stepInto(1);
    runCommand(target, 'asm $0700 NOP');
    expect(target.readMemory(0x0700, 1)[0]).toBe(0xea);
    target.stepBack(1);
    expect(target.readMemory(0x0700, 1)[0]).toBe(0x00);
  });

  it('bad input: a located error with the typed line and a caret, memory untouched', () => {
    const target = session();
    const result = runCommand(target, 'asm $0700 LDA #');
    expect(result.ok).toBe(false);
    const [head, line, caret] = result.text.replace(/^error: /, '').split('\n');
    expect(head).toMatch(/^asm:1:\d+: /);
    expect(line).toBe('  asm $0700 LDA #');
    const column = Number(/^asm:1:(\d+):/.exec(head!)![1]);
    expect(caret!.indexOf('^')).toBe(column + 1); // two spaces of indent, columns count from 1
    expect(column).toBeGreaterThanOrEqual('asm $0700 LDA'.length);
    expect(target.readMemory(0x0700, 1)[0]).toBe(0x00);
    expect(runCommand(target, 'asm $0700 FOO').ok).toBe(false);
    expect(runCommand(target, 'asm $10000 NOP').text).toContain('not an address');
    expect(runCommand(target, 'asm $0700').text).toContain('asm needs an address and an instruction');
  });
});

describe('fill', () => {
  it('fills a range, both ends included, with a repeated pattern', () => {
    const target = session();
    const result = runCommand(target, 'fill $0200 $0204 $AA %01010101');
    expect(result.ok).toBe(true);
    expect([...target.readMemory(0x0200, 6)]).toEqual([0xaa, 0x55, 0xaa, 0x55, 0xaa, 0x00]);
    expect(result.text).toBe('Filled $0200-$0204 (5 bytes) with $AA $55');
    expect(runCommand(target, 'f $10 $11 7').ok).toBe(true);
    expect([...target.readMemory(0x10, 2)]).toEqual([7, 7]);
  });

  it('refuses bytes that do not fit, reversed ranges and missing arguments', () => {
    const target = session();
    expect(runCommand(target, 'fill $0200 $0204 $100').text).toContain('does not fit in a byte');
    expect(runCommand(target, 'fill $0204 $0200 0').text).toContain('ends ($0200) before it starts ($0204)');
    expect(runCommand(target, 'fill $0200').ok).toBe(false);
    expect(target.readMemory(0x0200, 1)[0]).toBe(0);
  });
});

describe('load and save', () => {
  const folder = mkdtempSync(join(tmpdir(), 'moth-monitor-'));

  it('save writes exactly the range; load puts it back at an address', () => {
    const target = session();
    runCommand(target, 'fill $0200 $020F 1 2 3');
    const file = join(folder, 'range.bin');
    const saved = runCommand(target, `save ${file} $0200 $020F`, files);
    expect(saved.ok).toBe(true);
    expect(saved.text).toBe(`Saved 16 bytes $0200-$020F to ${file}`);
    expect([...readFileSync(file)]).toEqual([...target.readMemory(0x0200, 16)]);
    const loaded = runCommand(target, `load ${file} $0300`, files);
    expect(loaded.ok).toBe(true);
    expect([...target.readMemory(0x0300, 16)]).toEqual([...readFileSync(file)]);
  });

  it('load without an address puts the bytes where the program starts', () => {
    const target = session();
    const file = join(folder, 'two.bin');
    writeFileSync(file, Uint8Array.from([0xea, 0xea]));
    expect(runCommand(target, `load ${file}`, files).text).toBe(`Loaded 2 bytes from ${file} at $0600-$0601`);
    expect([...target.readMemory(0x0600, 2)]).toEqual([0xea, 0xea]);
  });

  it('never overwrites a file unless asked with save!, and leaves no temporary file behind', () => {
    const target = session();
    const file = join(folder, 'keep.bin');
    writeFileSync(file, 'precious');
    const refused = runCommand(target, `save ${file} $0600 $0601`, files);
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('exists; not overwritten (use save! to replace it)');
    expect(readFileSync(file, 'utf8')).toBe('precious');
    const replaced = runCommand(target, `save! ${file} $0600 $0601`, files);
    expect(replaced.ok).toBe(true);
    expect([...readFileSync(file)]).toEqual([0xa9, 0x01]);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(runCommand(target, `load! ${file}`, files).text).toContain('only save takes "!"');
  });

  it('refuses a missing file, a folder, a file too big for the space left, and faces without files', () => {
    const target = session();
    expect(runCommand(target, `load ${join(folder, 'none.bin')} $0200`, files).text).toContain('no such file');
    const sub = join(folder, 'sub');
    mkdirSync(sub);
    expect(runCommand(target, `load ${sub}`, files).text).toContain('is not a regular file');
    const big = join(folder, 'big.bin');
    writeFileSync(big, new Uint8Array(0x20));
    expect(runCommand(target, `load ${big} $FFF0`, files).text).toContain('only 16 fit');
    expect(runCommand(target, `save ${join(folder, 'nowhere', 'x.bin')} $0600 $0601`, files).ok).toBe(false);
    expect(runCommand(target, `save ${join(folder, 'x.bin')} $0600 $0601`).text).toContain('this face does not give');
    expect(existsSync(join(folder, 'x.bin'))).toBe(false);
  });
});

describe('bus and cycle', () => {
  it('bus prints every cycle of the last step: INC zero page reads, writes the old byte back, then the result', () => {
    const target = session();
    expect(runCommand(target, 'bus').ok).toBe(false);
    target.stepInto(1);
    target.stepInto(1); // LDA #1, then INC $10 as a single step (only single steps keep their record)
    const result = runCommand(target, 'bus');
    expect(result.text.split('\n')).toEqual([
      'INC $10: 5 cycles',
      ' 1  R  $0602 E6  opcode fetch: INC',
      ' 2  R  $0603 10  operand',
      ' 3  R  $0010 00  data read',
      ' 4  W  $0010 00  read-modify-write: the old byte written back',
      ' 5  W  $0010 01  read-modify-write: the result written',
    ]);
  });

  it('cycle walks through the next instruction one clock at a time and executes it on the last cycle', () => {
    const target = session();
    target.stepInto(2); // PC at JSR bump
    const before = target.state;
    const texts: string[] = [];
    for (let cycle = 1; cycle <= 5; cycle++) {
      const result = runCommand(target, 'cycle');
      texts.push(result.text);
      expect(target.state).toEqual(before); // between instructions nothing has happened yet
    }
    expect(texts[0]).toBe('Cycle 1 of 6 of JSR bump: 1  R  $0604 20  opcode fetch: JSR');
    expect(texts[3]).toBe('Cycle 4 of 6 of JSR bump: 4  W  $01FD 06  stack push');
    const last = runCommand(target, 'cycle');
    expect(last.text.split('\n')[0]).toBe('Cycle 6 of 6 of JSR bump: 6  R  $0606 06  operand, high byte');
    expect(last.text).toContain('The instruction is complete.');
    expect(target.state.pc).toBe(target.symbol('bump'));
    expect(target.state.instructions).toBe(before.instructions + 1);
    // Its cycles are now the last step's, as `bus` shows them.
    expect(runCommand(target, 'bus').text.split('\n')).toHaveLength(7);
  });

  it('a change to the machine between cycles starts a new walk from the new state', () => {
    const target = session();
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 1 of 2 of LDA #\$01/);
    expect(runCommand(target, 'cycle').text).toContain('The instruction is complete.');
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 1 of 5 of INC \$10/);
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 2 of 5 of INC \$10/);
    runCommand(target, 'set [$10] = 7');
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 1 of 5 of INC \$10/);
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 2 of 5 of INC \$10/);
    expect(runCommand(target, 'cycle').text).toBe('Cycle 3 of 5 of INC $10: 3  R  $0010 07  data read');
    target.stepInto(1);
    expect(runCommand(target, 'cycle').text).toMatch(/^Cycle 1 of 6 of JSR bump/);
  });

  it('with an NMI due, the walk covers the entry (pushes, vector) and the handler\'s first instruction', () => {
    const created = createSession('        .org $0600\n        NOP\nhandler: LDA #1\n        RTI\n        *= $FFFA\n        .word handler\n', { fileName: 'nmi.s' });
    if (!created.ok) throw new Error(created.message);
    const target = created.session;
    target.nmi();
    const first = runCommand(target, 'cycle').text;
    expect(first).toMatch(/^Cycle 1 of 9 of NMI → handler/); // 7 for the entry, 2 for LDA #1
    const texts = [first];
    for (let cycle = 2; cycle <= 9; cycle++) texts.push(runCommand(target, 'cycle').text);
    expect(texts.filter((text) => text.includes('stack push'))).toHaveLength(3);
    expect(texts.some((text) => text.includes('vector, low byte'))).toBe(true);
    expect(texts[8]).toContain('The instruction is complete.');
    expect(target.state.a).toBe(1);
    expect(target.state.pc).toBe(target.symbol('handler')! + 2);
  });
});
