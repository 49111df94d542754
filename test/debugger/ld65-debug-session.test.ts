/** A program built by ca65 + ld65 with --dbgfile, debugged in moth at source level: breakpoints by label and line, stepping, labels. */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/asm/diagnostics.js';
import { parseLd65DebugFile } from '../../src/asm/ld65-debug-file.js';
import { labelsByAddress, parseLabelFile } from '../../src/asm/vice-labels.js';
import { DebugSession } from '../../src/debugger/session.js';
import { ca65Available } from '../helpers/ca65.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/ld65-debug');

if (!ca65Available) console.warn('ld65 debug files: ca65 checks SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');

describe.skipIf(!ca65Available)('a program built by ca65 + ld65 --dbgfile, debugged at source level (cc65 installed)', () => {
  const build = mkdtempSync(join(tmpdir(), 'moth-dbgfile-'));
  afterAll(() => rmSync(build, { recursive: true, force: true }));

  /** Assembles the fixture's two modules and links them with a debug file and a label file, as a user would. */
  function buildFixture(): { binary: Uint8Array; debugText: string; labelText: string } {
    for (const module of ['main', 'print']) {
      const run = spawnSync('ca65', ['-g', '-o', join(build, `${module}.o`), `${module}.s`], { cwd: fixtures, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
    }
    const link = spawnSync(
      'ld65',
      ['-C', 'prog.cfg', '-o', join(build, 'prog.bin'), '--dbgfile', join(build, 'prog.dbg'), '-Ln', join(build, 'prog.lbl'), join(build, 'main.o'), join(build, 'print.o')],
      { cwd: fixtures, encoding: 'utf8' },
    );
    expect(link.status, link.stderr).toBe(0);
    return {
      binary: new Uint8Array(readFileSync(join(build, 'prog.bin'))),
      debugText: readFileSync(join(build, 'prog.dbg'), 'utf8'),
      labelText: readFileSync(join(build, 'prog.lbl'), 'utf8'),
    };
  }

  it('breaks on a label and on source lines in both modules, steps through the macro, and reads the labels file', () => {
    const { binary, debugText, labelText } = buildFixture();
    const parsed = parseLd65DebugFile(debugText, { fileName: 'prog.dbg' });
    if (!parsed.ok) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
    expect(parsed.info.loadAddresses.get(join(build, 'prog.bin'))).toBe(0x0600);
    const session = new DebugSession({ image: { start: 0x0600, bytes: binary }, symbols: parsed.info.symbols, debugMap: parsed.info.debugMap });

    // A breakpoint by label, in the second module.
    expect(session.addBreakpoint({ kind: 'label', name: 'print' }).ok).toBe(true);
    // A breakpoint on a line inside the .proc.
    expect(session.addBreakpoint({ kind: 'line', file: 'main.s', line: 24 }).ok).toBe(true);
    expect(session.location).toMatchObject({ file: 'main.s', line: 11 });

    // Stepping: `stx counter`, then the cheap local's line, then into the macro body.
    session.stepInto();
    expect(session.location).toMatchObject({ file: 'main.s', line: 12 });
    session.stepInto();
    session.stepInto();
    expect(session.location).toMatchObject({ file: 'macros.inc', line: 3 });
    expect(session.symbol('start@loop')).toBe(0x0604);

    session.continue();
    expect(session.location).toMatchObject({ file: 'print.s', line: 6 });
    expect(session.state.x).toBe(3);
    session.stepInto();
    session.stepInto(); // rts back to main
    expect(session.location).toMatchObject({ file: 'main.s', line: 19 });
    session.continue();
    expect(session.location).toMatchObject({ file: 'main.s', line: 24 });
    expect(session.symbol('helper::inner')).toBe(session.state.pc);

    // ld65's label file names the same addresses.
    const labels = parseLabelFile(labelText, 'prog.lbl');
    if (!labels.ok) throw new Error('label file');
    expect(labelsByAddress(labels.labels).get(session.symbol('print')!)).toBe('print');
  });

  it('a breakpoint on the macro call line stops once, where the expansion begins', () => {
    const { binary, debugText } = buildFixture();
    const parsed = parseLd65DebugFile(debugText, { fileName: 'prog.dbg' });
    if (!parsed.ok) throw new Error('parse failed');
    const session = new DebugSession({ image: { start: 0x0600, bytes: binary }, symbols: parsed.info.symbols, debugMap: parsed.info.debugMap });
    const added = session.addBreakpoint({ kind: 'line', file: 'main.s', line: 15 });
    expect(added.ok && added.value.addresses).toEqual([0x0605]);
    session.continue();
    expect(session.location).toMatchObject({ file: 'macros.inc', line: 3 });
    expect(session.state.pc).toBe(0x0605);
  });
});
