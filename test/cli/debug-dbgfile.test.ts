/** `moth debug prog.bin` with ld65's debug file and label files: found beside the binary or named, and bad files reported at their place. */

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debugCommand, type DebugCommandOptions } from '../../src/cli/commands/debug.js';
import { UserError } from '../../src/cli/errors.js';
import { ca65Available } from '../helpers/ca65.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/ld65-debug');
const defaults: DebugCommandOptions = { machine: 'default', load: undefined, start: undefined, brkVector: false };

if (!ca65Available) console.warn('moth debug --dbgfile: SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');

describe.skipIf(!ca65Available)('moth debug with ld65 --dbgfile and -Ln (cc65 installed)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'moth-debug-dbgfile-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The fixture project copied to a folder of its own and built there, as its author would build it. */
  beforeAll(() => {
    for (const name of ['main.s', 'print.s', 'macros.inc', 'prog.cfg']) copyFileSync(join(fixtures, name), join(folder, name));
    for (const module of ['main', 'print']) expect(spawnSync('ca65', ['-g', `${module}.s`], { cwd: folder }).status).toBe(0);
    const link = spawnSync('ld65', ['-C', 'prog.cfg', '-o', 'prog.bin', '--dbgfile', 'prog.dbg', '-Ln', 'prog.lbl', 'main.o', 'print.o'], { cwd: folder, encoding: 'utf8' });
    expect(link.status, link.stderr).toBe(0);
  });

  function script(text: string): string {
    const path = join(folder, `script-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(path, text);
    return path;
  }

  async function debug(file: string, options: Partial<DebugCommandOptions>, commands: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Collect();
    const stderr = new Collect();
    const code = await debugCommand(join(folder, file), { ...defaults, ...options, script: script(commands) }, { stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('finds prog.dbg beside prog.bin, loads the binary where ld65 put it, and breaks by label and by file:line', async () => {
    const result = await debug('prog.bin', {}, 'break print\nbreak main.s:24\ncontinue\ncontinue\n');
    expect(result.code, result.stdout).toBe(0);
    // ca65 ran in the project's folder, so its source names are found beside the debug file.
    expect(result.stdout).toContain(`$0614  print: LDA counter  ; ${join(folder, 'print.s')}:6`);
    expect(result.stdout).toContain(`$0613  helper::inner: RTS  ; ${join(folder, 'main.s')}:24`);
    expect(result.stderr).toMatch(/source lines and labels from .*prog\.dbg/);
  });

  it('--no-dbgfile leaves it out; --labels still names the addresses', async () => {
    const without = await debug('prog.bin', { dbgfile: false }, 'break print\n');
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('unknown name "print"');
    const labelled = await debug('prog.bin', { dbgfile: false, labels: [join(folder, 'prog.lbl')] }, 'break print\ncontinue\n');
    expect(labelled.code, labelled.stdout).toBe(0);
    expect(labelled.stdout).toContain('$0614  print: LDA counter');
    expect(labelled.stdout).not.toContain('print.s:6');
  });

  it('reports a broken debug file at its line and column, with the record and a caret', async () => {
    const broken = readFileSync(join(folder, 'prog.dbg'), 'utf8').replace(/^(span\tid=0,seg=)\d+/m, '$1x');
    writeFileSync(join(folder, 'broken.dbg'), broken);
    const attempt = debug('prog.bin', { dbgfile: join(folder, 'broken.dbg') }, 'step\n');
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    const error = (await attempt.catch((caught: unknown) => caught)) as UserError;
    const lineNumber = broken.split('\n').findIndex((line) => line.startsWith('span\tid=0,')) + 1;
    expect(error.formatted).toContain(`broken.dbg:${lineNumber}:15: error: seg=x is not a number\n    span\tid=0,seg=x`);
    // Only the broken record: the lines naming that span are not reported again.
    expect(error.formatted).toMatch(/\n1 error\n$/);
  });

  it('warns when the debug file describes another binary', async () => {
    copyFileSync(join(folder, 'prog.bin'), join(folder, 'other.bin'));
    const result = await debug('other.bin', { dbgfile: join(folder, 'prog.dbg'), load: 0x0600 }, 'step\n');
    expect(result.stderr).toContain('describes prog.bin, not other.bin');
  });

  it('refuses --dbgfile for a source, which moth assembles itself', async () => {
    await expect(debug('main.s', { dbgfile: join(folder, 'prog.dbg') }, 'step\n')).rejects.toThrow(/moth assembles .*main\.s itself/);
  });
});
