// Checks `moth debug` without a terminal: --script prints a transcript and sets the exit code; no TTY without --script is a clear error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { debugCommand, type DebugCommandOptions } from '../../src/cli/commands/debug.js';
import { UserError } from '../../src/cli/errors.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'moth-debug-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const defaults: DebugCommandOptions = { machine: 'default', load: undefined, start: undefined, brkVector: false };

describe('moth debug without the TUI', () => {
  it('--script runs each command and prints what it did, exit code 0', async () => {
    const stdout = new Collect();
    const stderr = new Collect();
    const code = await debugCommand('programs/hello.s', { ...defaults, script: script('ok.txt', 'break next\ncontinue\nstep\n') }, { stdout, stderr });
    expect(code).toBe(0);
    expect(stdout.text).toContain('> break next');
    expect(stdout.text).toContain('> continue');
    expect(stdout.text).toContain('$0602');
    expect(stderr.text).toBe('');
  });

  it('--core js and --core wasm (the default) give the same transcript: breakpoints, a watchpoint, continue', async () => {
    const commands = script('cores.txt', 'break done\nwatch $F001\ncontinue\ncontinue\nregs\ndelete 2\ncontinue\nregs\n');
    const transcripts = await Promise.all(
      ([undefined, 'wasm', 'js'] as const).map(async (core) => {
        const stdout = new Collect();
        const options = { ...defaults, script: commands, ...(core === undefined ? {} : { core }) };
        expect(await debugCommand('programs/hello.s', options, { stdout, stderr: new Collect() })).toBe(0);
        return stdout.text;
      }),
    );
    expect(transcripts[0]).toContain('$F001');
    expect(transcripts[1]).toBe(transcripts[0]);
    expect(transcripts[2]).toBe(transcripts[0]);
  });

  it('--script exits 1 when a command fails, and still runs the rest', async () => {
    const stdout = new Collect();
    const code = await debugCommand('programs/hello.s', { ...defaults, script: script('bad.txt', 'frobnicate\nstep\n') }, { stdout, stderr: new Collect() });
    expect(code).toBe(1);
    expect(stdout.text).toContain('unknown command "frobnicate"');
    expect(stdout.text).toContain('> step');
  });

  it('reports assembly errors as a UserError with the formatted diagnostics, before any terminal work', async () => {
    const source = script('broken.s', '        LDA #$10\n        FROB $20\n');
    const attempt = debugCommand(source, { ...defaults, script: script('any.txt', 'step\n') }, { stdout: new Collect(), stderr: new Collect() });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    const error = (await attempt.catch((caught: unknown) => caught)) as UserError;
    expect(error.formatted).toContain('broken.s:2');
  });

  it('refuses to open the TUI when stdout is not a terminal, suggesting --script', async () => {
    const attempt = debugCommand('programs/hello.s', defaults, { stdout: new Collect(), stderr: new Collect() });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/--script/);
  });
});
