// The bus made visible and the monitor commands in a real terminal (tmux, 80×24, TERM=screen and
// xterm-256color): `.` walks one clock cycle at a time with the bus pane following, `:asm`, `:fill` and `:save`
// from the command line.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TmuxTerminal, builtCliExists, hasTmux } from './helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);
if (!ready) console.warn('test/tui/classroom-bus: SKIPPED, needs tmux and `npm run build`');

const SMALL = { columns: 80, rows: 24 };
const folder = mkdtempSync(join(tmpdir(), 'moth-bus-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

for (const term of ['screen', 'xterm-256color']) {
  describe.skipIf(!ready)(`cycles and monitor commands at 80×24, TERM=${term}`, () => {
    let terminal: TmuxTerminal | undefined;
    afterEach(() => {
      terminal?.close();
      terminal = undefined;
    });

    function command(t: TmuxTerminal, text: string): void {
      t.send(':');
      t.type(text);
      t.send('Enter');
    }

    async function open(): Promise<TmuxTerminal> {
      terminal = TmuxTerminal.start('node bin/moth.js debug programs/hello.s', root, SMALL, { term });
      await terminal.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
      return terminal;
    }

    it('. steps one clock cycle: the bus pane shows cycle k of n, the PC moves only after the last one', async () => {
      const t = await open();
      t.send('s'); // LDX #0; next: LDA message,X (4 cycles)
      await t.waitForText('PC $0602');
      t.send('.');
      let screen = await t.waitForText('Cycle 1 of 4: LDA message,X');
      expect(screen).toMatch(/▶ +1 R \$0602 BD +opcode fetch: LDA/);
      expect(screen).toContain('PC $0602');
      t.send('.', '.');
      screen = await t.waitForText('Cycle 3 of 4');
      expect(screen).toMatch(/▶ +3 R \$0604 06 +operand, high byte/);
      expect(screen).toContain('PC $0602');
      t.send('.');
      screen = await t.waitForText('PC $0605');
      expect(screen).toContain('Bus: LDA message,X, 4 cycles');
      expect(screen).toMatch(/Cycle 4 of 4 of LDA message,X/);
    });

    it(':asm assembles into memory, :fill fills, :save writes a new file and refuses to overwrite it', async () => {
      const t = await open();
      command(t, 'asm $0700 LDA #%101');
      await t.waitFor((screen) => /\$0700 +A9 05 +LDA #\$05/.test(screen), 'the bytes :asm wrote');
      command(t, 'fill $0200 $020F $AA $55');
      await t.waitForText('Filled $0200-$020F (16 bytes) with $AA $55');
      const file = join(folder, `${term}.bin`);
      command(t, `save ${file} $0200 $0203`);
      await t.waitForText('Saved 4 bytes');
      expect([...readFileSync(file)]).toEqual([0xaa, 0x55, 0xaa, 0x55]);
      command(t, `save ${file} $0700 $0701`);
      await t.waitForText('exists; not overwritten');
      expect([...readFileSync(file)]).toEqual([0xaa, 0x55, 0xaa, 0x55]);
      command(t, 'asm $0700 LDA #');
      await t.waitForText('asm:1:');
      expect(existsSync(file)).toBe(true);
    });
  });
}
