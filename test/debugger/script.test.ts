// Specifies `moth debug --script`: each command echoed with its text, program output and the state after it.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { runScript, runScriptReport, streamScript } from '../../src/debugger/script.js';

const SOURCE = `        .org $0600
        lda #'H'
        sta $F001
        ldx #3
loop:   dex
        bne loop
        brk
`;

function open() {
  const created = createSession(SOURCE, { fileName: 'hi.s' });
  if (!created.ok) throw new Error(created.message);
  return created.session;
}

describe('runScript', () => {
  it('prints each command, its result and the state after it', () => {
    const text = runScript(open(), '# a comment\nstep\n\nprint X\nstep\n');
    // The explanation lines belong to explain.ts and its tests; here only their place and instruction matter.
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^LDA #\$48: /);
    expect(lines[13]).toMatch(/^STA \$F001: /);
    lines[2] = '(explanation)';
    lines[13] = '(explanation)';
    expect(lines).toEqual(
      [
        '> step',
        'Stepped',
        '(explanation)',
        'A=$48 X=$00 Y=$00 SP=$FD P=$24 nv-bdIzc PC=$0602 cycles=9 instructions=1',
        '$0602  STA $F001  ; hi.s:3',
        '',
        '> print X',
        'X = $00 = 0 = %00000000',
        'A=$48 X=$00 Y=$00 SP=$FD P=$24 nv-bdIzc PC=$0602 cycles=9 instructions=1',
        '',
        '> step',
        '  output: H',
        'Stepped',
        '(explanation)',
        'A=$48 X=$00 Y=$00 SP=$FD P=$24 nv-bdIzc PC=$0605 cycles=13 instructions=2',
        '$0605  LDX #$03  ; hi.s:4',
        '',
      ],
    );
  });

  it('reports errors and goes on, or stops when asked', () => {
    const report = runScriptReport(open(), 'bogus\nbreak loop\ncontinue\n');
    expect(report.errors).toBe(1);
    expect(report.text).toContain('error: unknown command "bogus"');
    expect(report.text).toContain('Breakpoint 1 at $0607 loop');
    const stopped = runScriptReport(open(), 'bogus\nstep\n', { stopOnError: true });
    expect(stopped.results).toHaveLength(1);
  });

  it('includes trace lines while trace is on', () => {
    const text = runScript(open(), 'trace on\nstep 2\n');
    expect(text).toMatch(/ {2}trace: 0600 {2}A9 48 {5}LDA #\$48/);
    expect(text).toMatch(/ {2}trace: 0602 {2}8D 01 F0 {2}STA \$F001/);
  });

  it('puts a line of program output right after the trace line of the instruction that ended it', () => {
    const created = createSession(".org $0600\nloop: lda #'o'\nsta $F001\nlda #10\nsta $F001\njmp loop\n", { fileName: 'o.s' });
    if (!created.ok) throw new Error(created.message);
    const lines = runScript(created.session, 'trace on\nstep 10\n').split('\n');
    const traced = lines.filter((line) => line.startsWith('  trace: ') || line.startsWith('  output: '));
    expect(traced.map((line) => line.slice(0, 30))).toEqual([
      '  trace: 0600  A9 6F     LDA #',
      '  trace: 0602  8D 01 F0  STA $',
      '  trace: 0605  A9 0A     LDA #',
      '  trace: 0607  8D 01 F0  STA $',
      '  output: o',
      '  trace: 060A  4C 00 06  JMP l',
      '  trace: 0600  A9 6F     LDA #',
      '  trace: 0602  8D 01 F0  STA $',
      '  trace: 0605  A9 0A     LDA #',
      '  trace: 0607  8D 01 F0  STA $',
      '  output: o',
      '  trace: 060A  4C 00 06  JMP l',
    ]);
  });

  it('streams: the writer gets the transcript in pieces as it is made, the same text runScript returns', () => {
    const pieces: string[] = [];
    const summary = streamScript(open(), 'trace on\nstep\nbogus\nstep\n', (text) => pieces.push(text));
    expect(summary).toEqual({ commands: 4, errors: 1 });
    expect(pieces.length).toBe(4); // one piece per command at least
    expect(pieces.every((piece) => piece.endsWith('\n'))).toBe(true);
    expect(pieces.join('')).toBe(runScript(open(), 'trace on\nstep\nbogus\nstep\n'));
  });

  it('gives the same transcript every time (no timing in it)', () => {
    const script = 'break loop if X == 1\ncontinue\nback 2\nrcontinue\ncontinue\n';
    expect(runScript(open(), script)).toBe(runScript(open(), script));
  });
});

describe('reset and console input', () => {
  it('after reset, new input is read, not the old replayed (programs/06-io/io.s)', async () => {
    const { readFileSync } = await import('node:fs');
    const created = createSession(readFileSync('programs/06-io/io.s', 'utf8'), { fileName: 'programs/06-io/io.s' });
    if (!created.ok) throw new Error(created.message);
    const text = runScript(created.session, 'step 100\ninput moth\ncontinue\nreset\ninput ada\ncontinue\n');
    const outputs = text.split('\n').filter((line) => line.startsWith('  output: '));
    expect(outputs.some((line) => line.includes('Hello, MOTH!'))).toBe(true);
    const afterReset = text.slice(text.indexOf('> reset'));
    expect(afterReset).toContain('Hello, ADA!');
    expect(afterReset).not.toContain('MOTH');
  });
});
