// The built `moth` binary end to end: run, asm, disasm, their options, and errors that never show a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/debugger/program.js';
import { groupThousands } from '../../src/shared/thousands.js';
import { REPO_ROOT, requireBuild, runMoth } from './helpers.js';

const HELLO_OUTPUT = 'Hello from moth, a 6502 you can read!\n';
let scratch = '';

beforeAll(() => {
  requireBuild();
  scratch = mkdtempSync(join(tmpdir(), 'moth-cli-'));
});

/** Writes a file into the scratch folder and returns its path. */
function scratchFile(name: string, contents: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, contents);
  return path;
}

/** A stack trace line looks like `    at foo (file.js:1:2)`. */
const STACK_TRACE = /^\s+at .+:\d+/m;

describe('moth run', () => {
  it('assembles and runs a source, console output on stdout, the stop and registers on stderr', () => {
    const result = runMoth(['run', 'programs/hello.s']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(HELLO_OUTPUT);
    expect(result.stderr).toMatch(/^moth: BRK at \$060D$/m);
    expect(result.stderr).toMatch(/A=\$00 X=\$\w\w Y=\$00 SP=\$FD P=\$\w\w [NVnv]{2}-[Bb][Dd][Ii][Zz][Cc] PC=\$060D/);
    expect(result.stderr).toMatch(/[\d,]+ cycles, [\d,]+ instructions in [\d.]+ s \([\d.]+ MHz\)/);
  });

  it('--quiet leaves only the program output', () => {
    const result = runMoth(['run', 'programs/hello.s', '--quiet']);
    expect(result.stdout).toBe(HELLO_OUTPUT);
    expect(result.stderr).toBe('');
  });

  it('runs a binary at the load address given in any number spelling', () => {
    // LDA #'!' / STA $F001 / BRK, loaded at $0800
    const binary = scratchFile('bang.bin', Uint8Array.from([0xa9, 0x21, 0x8d, 0x01, 0xf0, 0x00]));
    for (const address of ['$0800', '0x0800', '2048']) {
      const result = runMoth(['run', binary, '--load', address]);
      expect(result.stdout).toBe('!');
      expect(result.stderr).toContain('BRK at $0805');
    }
  });

  it('--start overrides where execution begins', () => {
    // $0600: LDA #'a' / STA $F001 / $0605: LDA #'b' / STA $F001 / BRK
    const binary = scratchFile('ab.bin', Uint8Array.from([0xa9, 0x61, 0x8d, 0x01, 0xf0, 0xa9, 0x62, 0x8d, 0x01, 0xf0, 0x00]));
    expect(runMoth(['run', binary]).stdout).toBe('ab');
    expect(runMoth(['run', binary, '--start', '$0605']).stdout).toBe('b');
  });

  it('feeds piped stdin to the program without blocking', () => {
    const result = runMoth(['run', 'programs/examples/echo.s', '-q'], { input: 'hi there\n' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('HI THERE\n');
  });

  it('exits with the value written to the exit port', () => {
    const result = runMoth(['run', 'programs/examples/exit-code.s']);
    expect(result.status).toBe(7);
    expect(result.stderr).toContain('exit code 7');
  });

  it('reports a trap and its address', () => {
    const binary = scratchFile('trap.bin', Uint8Array.from([0xea, 0x4c, 0x01, 0x06])); // NOP / JMP *
    const result = runMoth(['run', binary]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Trapped at $0601');
  });

  it('--max-cycles stops an endless loop with a non-zero exit code', () => {
    const binary = scratchFile('spin.bin', Uint8Array.from([0xe8, 0x4c, 0x00, 0x06])); // loop: INX / JMP loop
    const result = runMoth(['run', binary, '--max-cycles', '0x10000']);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('Max cycles reached (65,536)');
  });

  it('--brk-vector makes BRK a real interrupt through $FFFE', () => {
    // $0600: BRK / $0602 … ; the source fills the vector at run time and its handler exits with 9
    const source = scratchFile(
      'brk.s',
      [
        '        LDA #<handler',
        '        STA $FFFE',
        '        LDA #>handler',
        '        STA $FFFF',
        '        BRK',
        '        .byte 0',
        'handler: LDA #9',
        '        STA $F00F',
      ].join('\n'),
    );
    expect(runMoth(['run', source]).stderr).toContain('BRK at $060A');
    const result = runMoth(['run', source, '--brk-vector']);
    expect(result.status).toBe(9);
  });

  it('--json prints one JSON summary with the output, the stop and the counters', () => {
    const result = runMoth(['run', 'programs/hello.s', '--json']);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      stop: { reason: 'brk', address: 0x060d, message: 'BRK at $060D' },
      exitCode: 0,
      registers: { pc: 0x060d, sp: 0xfd },
      output: HELLO_OUTPUT,
    });
    expect(summary.cycles).toBeGreaterThan(0);
    expect(summary.instructions).toBeGreaterThan(0);
    expect(typeof summary.mhz).toBe('number');
    expect(result.stderr).toBe('');
  });

  it('--json with --display adds the screen as 32 strings', () => {
    const result = runMoth(['run', 'programs/examples/display-stripes.s', '--json', '--display']);
    const summary = JSON.parse(result.stdout) as { display: string[] };
    expect(summary.display).toHaveLength(32);
    expect(summary.display[0]).toBe('2233445566778899AABBCCDDEEFF..11');
  });

  it('--trace prints a header naming the columns, then a nestest-style line per instruction', () => {
    const result = runMoth(['run', 'programs/hello.s', '--trace', '-q']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^; PC +BYTES +INSTRUCTION .*CYC: cycles since reset/);
    expect(lines[1]).toMatch(/^0600 {2}A2 00 {5}LDX #\$00 +A:00 X:00 Y:00 P:24 SP:FD nv-bdIzc CYC:7$/);
    expect(lines[2]).toMatch(/^0602 {2}BD 0E 06 {2}LDA message,X +A:00 X:00 Y:00 P:26 SP:FD nv-bdIZc CYC:9$/);
    // The program's own output stays off the trace lines: it comes as marked whole lines.
    expect(lines.filter((line) => !line.startsWith(';')).every((line) => line === '' || /^[0-9A-F]{4}  /.test(line))).toBe(true);
    expect(lines).toContain(`; output: ${HELLO_OUTPUT.trimEnd()}`);
  });

  it('one cycle count: the trace ends at the summary\'s count, and the debugger agrees', () => {
    const result = runMoth(['run', 'programs/hello.s', '--trace']);
    const end = /^; end .*CYC:(\d+)$/m.exec(result.stdout);
    const summary = /([\d,]+) cycles, ([\d,]+) instructions/.exec(result.stderr);
    expect(end).not.toBeNull();
    expect(summary?.[1]?.replace(/,/g, '')).toBe(end?.[1]);
    const created = createSession(readFileSync(join(REPO_ROOT, 'programs/hello.s'), 'utf8'), { fileName: 'hello.s' });
    if (!created.ok) throw new Error(created.message);
    const stop = created.session.continue();
    expect(String(stop.state.cycles)).toBe(end?.[1]);
    expect(groupThousands(stop.state.instructions)).toBe(summary?.[2]);
  });

  it('--trace into a reader that stops early (| head -2) ends quietly', () => {
    const binary = scratchFile('forever.bin', Uint8Array.from([0xe8, 0x4c, 0x00, 0x06])); // loop: INX / JMP loop
    const command = `"${process.execPath}" bin/moth.js run "${binary}" --trace --max-cycles 50_000_000 | head -2`;
    const result = spawnSync('sh', ['-c', command], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout.split('\n')[1]).toMatch(/^0600 {2}E8 {8}INX/);
    expect(result.stderr).toBe(''); // no EPIPE stack trace, and no summary for a reader that has gone
  });

  it('--display shows the 32×32 screen after the run, one hex digit per pixel', () => {
    const result = runMoth(['run', 'programs/examples/display-stripes.s', '--display', '-q']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('E'); // the program's own output comes first
    expect(lines.slice(1, 33)).toHaveLength(32);
    expect(lines[1]).toBe('2233445566778899AABBCCDDEEFF..11'); // page $02: colour (Y / 2 + 2) mod 16
    expect(lines[32]).toBe('5566778899AABBCCDDEEFF..11223344'); // page $05: shifted by three colours
  });

  it('--explain prints a plain-words sentence per instruction', () => {
    const result = runMoth(['run', 'programs/hello.s', '--explain', '-q']);
    const lines = result.stdout.split('\n');
    // The wording belongs to explain.ts (and has its own tests); here: one sentence per instruction, in order.
    expect(lines[0]).toMatch(/^LDX #\$00: .*X/);
    expect(lines[1]).toMatch(/^LDA message,X: |^LDA \$060E,X: /);
  });

  it('--explain describes an interrupt entry in words too, where --trace marks it', () => {
    const explained = runMoth(['run', 'programs/07-interrupts/timer.s', '--explain', '-q']).stdout.split('\n');
    const irq = explained.findIndex((line) => line.startsWith('IRQ taken: '));
    expect(irq).toBeGreaterThan(0);
    expect(explained[irq]).toMatch(/vector at \$FFFE to irq_handler \(\$[0-9A-F]{4}\)/);
    const traced = runMoth(['run', 'programs/07-interrupts/timer.s', '--trace', '-q']).stdout;
    expect(traced).toContain('IRQ taken: PC and P pushed');
    expect(traced).not.toContain('IRQ taken: a device');
  });
});

describe('moth asm', () => {
  it('writes the binary, listing, symbols and debug map', () => {
    const output = join(scratch, 'hello.bin');
    const listing = join(scratch, 'hello.lst');
    const symbols = join(scratch, 'hello.sym');
    const map = join(scratch, 'hello.json');
    const result = runMoth(['asm', 'programs/hello.s', '-o', output, '--listing', listing, '--symbols', symbols, '--map', map]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('programs/hello.s: 53 bytes at $0600–$0634');
    const bytes = readFileSync(output);
    expect([...bytes.subarray(0, 5)]).toEqual([0xa2, 0x00, 0xbd, 0x0e, 0x06]); // LDX #0 / LDA message,X
    expect(readFileSync(listing, 'utf8')).toContain('LDA message,X');
    expect(readFileSync(symbols, 'utf8')).toMatch(/^al 00060E \.message$/m);
    const debugMap = JSON.parse(readFileSync(map, 'utf8')) as { start: number; length: number; debugMap: unknown[] };
    expect(debugMap.start).toBe(0x0600);
    expect(debugMap.length).toBe(53);
    expect(debugMap.debugMap.length).toBeGreaterThan(0);
  });

  it('prints diagnostics as file:line:col, the source line and a caret, and exits 1', () => {
    const source = scratchFile('typo.s', 'start:  LDA #1\n        LAD #2\n        BRK\n');
    const result = runMoth(['asm', source]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/typo\.s:2:9: error: /);
    expect(lines[1]).toBe('            LAD #2');
    expect(lines[2]).toBe('            ^~~');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('moth run reports assembler errors the same way', () => {
    const source = scratchFile('undefined.s', '  LDX nowhere\n  BRK\n');
    const result = runMoth(['run', source]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/undefined\.s:1:7: error: .*nowhere/);
    expect(result.stdout).toBe('');
  });
});

describe('moth disasm', () => {
  it('lists a binary with addresses, bytes and labels from a symbol file', () => {
    const binary = scratchFile('loop.bin', Uint8Array.from([0xa2, 0x00, 0xe8, 0xd0, 0xfd, 0x00])); // LDX #0 / loop: INX / BNE loop / BRK
    const symbols = scratchFile('loop.sym', 'loop = $C002\n');
    const result = runMoth(['disasm', binary, '--origin', '0xC000', '--symbols', symbols]);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'C000  A2 00         LDX #$00',
      '                loop:',
      'C002  E8            INX',
      'C003  D0 FD         BNE loop',
      'C005  00            BRK',
      '',
    ]);
  });

  it('--source prints ca65 source that assembles back to the same bytes', () => {
    const original = Uint8Array.from([0xa9, 0x41, 0x8d, 0x01, 0xf0, 0x00]);
    const binary = scratchFile('round.bin', original);
    const source = runMoth(['disasm', binary, '--source']).stdout;
    const path = scratchFile('round.s', source);
    const again = join(scratch, 'round-again.bin');
    expect(runMoth(['asm', path, '-o', again]).status).toBe(0);
    expect([...readFileSync(again)]).toEqual([...original]);
  });

  it('--source defines outside symbols, labels targets and keeps undocumented opcodes as .byte unless --undocumented', () => {
    // $C000: LAX $10 / JSR CHROUT / BNE $C000
    const binary = scratchFile('rom.bin', Uint8Array.from([0xa7, 0x10, 0x20, 0xd2, 0xff, 0xd0, 0xf9]));
    const symbols = scratchFile('rom.sym', 'CHROUT = $FFD2\n');
    const plain = runMoth(['disasm', binary, '--origin', '0xC000', '--symbols', symbols, '--source']);
    expect(plain.stdout).toBe(['CHROUT = $FFD2', '', '.org $C000', 'LC000:', '    .byte $A7, $10 ; LAX $10', '    JSR CHROUT', '    BNE LC000', ''].join('\n'));
    const spelled = runMoth(['disasm', binary, '--origin', '0xC000', '--source', '--undocumented']);
    expect(spelled.stdout.split('\n').slice(0, 4)).toEqual(['.setcpu "6502X"', '.org $C000', 'LC000:', '    LAX $10']);
    const refused = runMoth(['disasm', binary, '--source', '--undocumented', '--cpu', '65c02']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/65C02 has none/);
  });
});

describe('errors: a clear message, a non-zero exit, never a stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['run', 'no-such-file.s'], /no-such-file\.s: no such file/],
    // asm is loaded outside the build's bundle, so its UserError comes from another copy of errors.js.
    ['a missing file for asm', ['asm', 'no-such-file.s'], /no-such-file\.s: no such file/],
    ['a directory', ['run', 'programs'], /programs: is a directory/],
    ['a bad address', ['run', 'programs/hello.s', '--load', '$1OOOO'], /'\$1OOOO' is not an address/],
    ['an address above $FFFF', ['disasm', 'hello.bin', '--origin', '0x10000'], /is not an address/],
    ['source given to disasm', ['disasm', 'programs/hello.s'], /looks like assembly source/],
    ['an unknown machine', ['run', 'programs/hello.s', '--machine', 'c64'], /c64/],
    ['an unknown command', ['frobnicate'], /unknown command/],
    ['a bad symbol file', ['disasm', 'package.json', '--symbols', 'README.md'], /README\.md:1:1: error: not a label line/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const result = runMoth(args);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('is coloured when colour is asked for, plain otherwise', () => {
    expect(runMoth(['run', 'missing.s'], { env: { FORCE_COLOR: '1' } }).stderr).toContain('\u001b[31m');
    expect(runMoth(['run', 'missing.s']).stderr).not.toContain('\u001b[');
  });

  it('a binary too large for its load address', () => {
    const binary = scratchFile('big.bin', new Uint8Array(0x1000));
    const result = runMoth(['run', binary, '--load', '$F800']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/4096 bytes is too large .*at most 2048 bytes/);
  });

  it('an empty binary', () => {
    const result = runMoth(['run', scratchFile('empty.bin', new Uint8Array(0))]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/empty/);
  });
});

describe('help and version', () => {
  it('--version prints the package version', () => {
    const result = runMoth(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(['run', 'asm', 'disasm', 'debug', 'tour'])('moth %s --help shows usage and examples', (command) => {
    const result = runMoth([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: moth ${command}`);
    expect(result.stdout).toContain('Examples:');
  });
});

const functionalTest = process.env.MOTH_FUNCTIONAL_TEST_BIN;
if (!functionalTest) {
  console.log('Skipping the Klaus Dormann functional test run: MOTH_FUNCTIONAL_TEST_BIN is not set.');
}

describe.skipIf(!functionalTest)('Klaus Dormann’s 6502 functional test through moth run', () => {
  it('ends trapped at $3469, the success address', () => {
    const result = runMoth(['run', functionalTest!, '--load', '0', '--start', '0x400']);
    expect(result.stderr).toContain('Trapped at $3469');
    expect(result.status).toBe(0);
  });
});
