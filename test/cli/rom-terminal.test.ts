// A ROM behind a serial chip echoes what it is typed itself, so on a terminal `moth run` hands it each key unechoed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TmuxTerminal } from '../tui/helpers/tmux.js';
import { REPO_ROOT, requireBuild } from './helpers.js';

let terminal: TmuxTerminal | undefined;
let folder: string;

beforeAll(() => {
  requireBuild();
  folder = mkdtempSync(join(tmpdir(), 'moth-rom-terminal-'));
  // An echo ROM for the sbc preset's 6850: a '>' prompt, then every byte received is sent back in capitals.
  writeFileSync(
    join(folder, 'echo.s'),
    [
      '        .org $c000',
      'reset:  lda #$03',
      '        sta $a000',
      '        lda #$15',
      '        sta $a000',
      '        lda #$3e',
      '        sta $a001',
      'get:    lda $a000',
      '        lsr',
      '        bcc get',
      '        lda $a001',
      '        cmp #$61',
      '        bcc put',
      '        and #$df',
      'put:    sta $a001',
      '        jmp get',
      '        *= $fffc',
      '        .word reset',
    ].join('\n'),
  );
});
afterEach(() => terminal?.close());
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!hasTmux)('moth run of a ROM on a terminal', () => {
  it('gives the ROM each key without echoing it, and Enter arrives as CR (shown as a line end)', async () => {
    terminal = TmuxTerminal.start(`node bin/moth.js run ${join(folder, 'echo.s')} --machine sbc`, REPO_ROOT);
    await terminal.waitForText('>');
    terminal.type('ab');
    const screen = await terminal.waitForText('>AB');
    expect(screen).not.toContain('ab');
    terminal.send('Enter');
    terminal.type('c');
    expect(await terminal.waitForText('>AB\nC')).not.toContain('c');
    terminal.send('C-c');
    await terminal.waitForText('[exited 130]');
  });
});
