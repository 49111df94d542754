// The web face in a real browser (Debian's chromium through playwright-core): the page served by `moth web`
// and opened from file://, a program typed and assembled, a located error, stepping both ways, snake drawing,
// a tour chapter walked and its exercise checked, the text kept across a reload and shared as a link.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, SITE_INDEX, launchBrowser, openPage, paneText, startServer, typeProgram, waitForPane, type Server } from './browser.js';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each test gets a fresh browser context: empty localStorage, no state from the test before. */
async function freshPage(errors: string[], url = server.url): Promise<Page> {
  const context = await browser.newContext();
  return openPage(context as unknown as Browser, url, errors);
}

const PRINT_AB = 'LDA #$41\nSTA $F001\nLDX #$42\nSTX $F001\nBRK\n';

describe('moth in the browser', () => {
  it('assembles and runs a typed program, printing to the console', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, PRINT_AB);
    await page.keyboard.press('Control+Enter');
    await waitForPane(page, 'console', /AB/);
    expect(await paneText(page, 'status')).toMatch(/stopped/);
    expect(await paneText(page, 'explain')).toMatch(/BRK/);
    // It ran on the WebAssembly core (compiled before the page started; the session's cpu is private in TypeScript only).
    type WithCore = { moth: { session: { cpu: { options: { core: string } } } } };
    expect(await page.evaluate(() => (globalThis as unknown as WithCore).moth.session.cpu.options.core)).toBe('wasm');
    await page.screenshot({ path: join(SHOTS, '1-typed-and-run.png') });
    expect(errors).toEqual([]);
  });

  it('shows a bad line as a located error, in place and in words', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'LDA #1\nLDQ #2\nBRK\n');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('.cm-lintRange-error');
    expect(await paneText(page, 'explain')).toMatch(/program\.s:2:1: .*LDQ/);
    // The underline sits on the bad line's text.
    expect(await page.$eval('.cm-lintRange-error', (node) => node.textContent)).toContain('LDQ');
    await page.hover('.cm-lintRange-error');
    await page.waitForSelector('.cm-tooltip-lint');
    expect(await page.$eval('.cm-tooltip-lint', (node) => node.textContent)).toMatch(/LDQ/);
    await page.screenshot({ path: join(SHOTS, '2-located-error.png') });
    expect(errors).toEqual([]);
  });

  it('steps forwards and back with the TUI keys, the PC marked in the gutter', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, PRINT_AB);
    await page.keyboard.press('F11'); // assembles, then steps: LDA #$41
    await page.keyboard.press('F11'); // STA $F001
    await waitForPane(page, 'console', /A/);
    expect(await paneText(page, 'registers')).toMatch(/A \$41/);
    expect(await paneText(page, 'registers')).toMatch(/instr 2/);
    expect(await page.$eval('.cm-pc-line', (node) => node.textContent)).toBe('LDX #$42');
    await page.keyboard.press('Escape'); // leave the editor: letter keys are the debugger's
    await page.keyboard.press('u'); // step back over the STA: the A it printed is gone again
    await waitForPane(page, 'registers', /instr 1\b/);
    expect(await paneText(page, 'console')).not.toMatch(/^A/m);
    expect(await page.$eval('.cm-pc-line', (node) => node.textContent)).toBe('STA $F001');
    expect(await paneText(page, 'explain')).toMatch(/stepped back/);
    await page.keyboard.press('s');
    await waitForPane(page, 'registers', /instr 2\b/);
    await page.screenshot({ path: join(SHOTS, '3-stepped.png') });
    expect(errors).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('adds a watch, goes to memory, runs a debugger command and shows the keys, all without a mouse', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, PRINT_AB);
    await page.keyboard.press('Control+Shift+Enter'); // assemble, stop at the first instruction
    await waitForPane(page, 'explain', /stopped at the first instruction/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('w');
    await page.keyboard.type('A');
    await page.keyboard.press('Enter');
    await page.keyboard.press('s');
    await waitForPane(page, 'watches', /A = \$41 \(65\)/);
    await page.keyboard.press('g');
    await page.keyboard.type('$0200');
    await page.keyboard.press('Enter');
    await waitForPane(page, 'memory', /Memory \$0200 /);
    await page.keyboard.press(':');
    await page.keyboard.type('break $0605');
    await page.keyboard.press('Enter');
    await page.keyboard.press('c');
    await waitForPane(page, 'explain', /Breakpoint 1 at \$0605/);
    await page.keyboard.press('?');
    expect(await page.isVisible('#help')).toBe(true);
    expect(await page.textContent('#help-text')).toMatch(/F11 s\s+step into/);
    await page.screenshot({ path: join(SHOTS, '7-keys.png') });
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#help')).toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('programs that draw and lessons', () => {
  it('runs snake at the real chip speed: the display changes, and keys reach the game', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await page.click('#tour-toggle');
    await page.selectOption('#chapter', '9');
    await page.click('#chapter-open');
    await page.keyboard.press('Escape');
    await page.keyboard.press('-'); // 1 MHz, as chapter 9 says
    await waitForPane(page, 'explain', /speed limit 1 MHz/);
    await page.keyboard.press('c');
    await waitForPane(page, 'status', /RUNNING/);
    const lit = (): Promise<string> =>
      page.$eval('#display', (canvas) => {
        const data = (canvas as unknown as { getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } })
          .getContext('2d')
          .getImageData(0, 0, 32, 32).data;
        const pixels: number[] = [];
        for (let index = 0; index < data.length; index += 4) if (data[index]! + data[index + 1]! + data[index + 2]! > 0) pixels.push(index / 4);
        return pixels.join(',');
      });
    const before = await lit();
    await page.waitForTimeout(700);
    const after = await lit();
    expect(after).not.toBe('');
    expect(after).not.toBe(before); // the snake moved
    await page.focus('#display'); // keyboard mode: keys go to $FF
    await page.keyboard.press('s');
    await waitForPane(page, 'explain', /keyboard mode/);
    await page.screenshot({ path: join(SHOTS, '4-snake.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('F5'); // pause
    await waitForPane(page, 'status', /stopped/);
    expect(await page.evaluate(() => (globalThis as unknown as { moth: { session: { readMemory(a: number, n: number): Uint8Array } } }).moth.session.readMemory(0xff, 1)[0])).toBe(0x73);
    expect(errors).toEqual([]);
  });

  it('opens a program from the menu on the machine it asks for (random pixels: easy6502)', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await page.selectOption('#program', 'programs/examples/random-pixels.s');
    expect(await page.textContent('#file-name')).toBe('random-pixels.s');
    expect(await page.inputValue('#machine')).toBe('easy6502');
    await page.keyboard.press('Control+Enter');
    await waitForPane(page, 'console', /painted/);
    const colours = await page.$eval('#display', (canvas) => {
      const data = (canvas as unknown as { getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } })
        .getContext('2d')
        .getImageData(0, 0, 32, 32).data;
      const seen = new Set<number>();
      for (let index = 0; index < data.length; index += 4) seen.add((data[index]! << 16) | (data[index + 1]! << 8) | data[index + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(8); // random pixels in many of the 16 colours
    expect(errors).toEqual([]);
  });

  it('walks a tour chapter: its text, its program, notes following the PC, an exercise checked', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await page.click('#tour-toggle');
    await page.selectOption('#chapter', '3');
    expect(await page.textContent('#tour-text h1')).toMatch(/Flags and branches/);
    await page.click('#chapter-open');
    expect(await page.textContent('#file-name')).toBe('loops.s');
    await page.keyboard.press('F11');
    await page.keyboard.press('F11');
    await waitForPane(page, 'notes', /Notes \(line \d+\)/);
    const firstNote = await paneText(page, 'notes');
    for (let step = 0; step < 4; step++) await page.keyboard.press('F11');
    await waitForPane(page, 'registers', /instr 6\b/); // PC on CPX #10, whose note explains it
    expect(await paneText(page, 'notes')).not.toBe(firstNote);
    expect(await paneText(page, 'notes')).toMatch(/CPX compares X with 10/);
    await page.screenshot({ path: join(SHOTS, '5-tour-chapter.png') });

    // Exercise 1 (the alphabet): a wrong program fails, the answer passes.
    const exercise = page.locator('#tour-text li', { hasText: 'The alphabet' });
    await typeProgram(page, 'LDA #$41\nSTA $F001\nBRK\n');
    await exercise.locator('button', { hasText: 'Check my program' }).click();
    expect(await exercise.locator('output').textContent()).toMatch(/not yet: expected "ABCDEFGHIJKLMNOPQRSTUVWXYZ"\nbut it printed "A"/);
    await exercise.locator('a[data-program]').click(); // the answer opens in the editor
    expect(await page.textContent('#file-name')).toBe('1-alphabet.s');
    await exercise.locator('button', { hasText: 'Check my program' }).click();
    expect(await exercise.locator('output').textContent()).toMatch(/^correct/);
    await page.screenshot({ path: join(SHOTS, '6-exercise-checked.png') });
    expect(errors).toEqual([]);
  });
});

describe('work is kept', () => {
  it('keeps the text across a reload, and shares it as a link', async () => {
    const errors: string[] = [];
    const context = await browser.newContext();
    const page = await openPage(context as unknown as Browser, server.url, errors);
    await typeProgram(page, '; kept across reloads\nBRK\n');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('.cm-content')).toContain('; kept across reloads');
    await page.click('#share');
    const link = page.url();
    expect(link).toMatch(/#source=/);
    // Another browser (no storage in common) opens the link and finds the program.
    const other = await freshPage(errors, link);
    expect(await other.textContent('.cm-content')).toContain('; kept across reloads');
    expect(await other.textContent('#file-name')).toBe('shared.s');
    expect(errors).toEqual([]);
  });
});

describe('subroutines and time travel', () => {
  it('steps out of and over a JSR, stops at a breakpoint from the gutter, and reverse-continues back to it', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'JSR sub\nLDX #1\nBRK\nsub:\nLDA #2\nRTS\n');
    await page.keyboard.press('F11'); // assembles, then steps into the JSR
    await waitForPane(page, 'registers', /instr 1\b/);
    expect(await page.$eval('.cm-pc-line', (node) => node.textContent)).toBe('LDA #2');
    expect(await paneText(page, 'stack')).toMatch(/↩ \$0603 sub/);
    await page.keyboard.press('Shift+F11'); // out: back after the JSR
    await waitForPane(page, 'registers', /instr 3\b/);
    expect(await page.$eval('.cm-pc-line', (node) => node.textContent)).toBe('LDX #1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('R');
    await waitForPane(page, 'registers', /instr 0\b/);
    await page.keyboard.press('n'); // over: the whole subroutine in one step
    await waitForPane(page, 'registers', /instr 3\b/);
    expect(await paneText(page, 'registers')).toMatch(/A \$02/);
    // A breakpoint on line 5 (LDA #2) by clicking its line number, then run to it, on to the end, and back.
    await page.keyboard.press('R');
    await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^5$/ }).click();
    await waitForPane(page, 'explain', /breakpoint set at program\.s:5/);
    expect(await page.locator('.mark-breakpoint').count()).toBe(1);
    await page.keyboard.press('c');
    await waitForPane(page, 'explain', /Breakpoint 1 at \$0606 sub/);
    await page.keyboard.press('c');
    await waitForPane(page, 'explain', /BRK at/);
    await page.keyboard.press('U');
    await waitForPane(page, 'explain', /Breakpoint 1 at \$0606 sub/);
    expect(await page.$eval('.cm-pc-line', (node) => node.textContent)).toBe('LDA #2');
    await page.screenshot({ path: join(SHOTS, '8-reverse-continue.png') });
    expect(errors).toEqual([]);
  });
});

describe('the static site', () => {
  it('works opened from a file, with no server', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors, pathToFileURL(SITE_INDEX).href);
    await page.keyboard.press('F11');
    await waitForPane(page, 'registers', /instr 1\b/);
    expect(errors).toEqual([]);
  });
});

describe('what the page shows beside the source', () => {
  it('shows every bus cycle of the last step, and B hides them', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'LDA #$41\nSTA $0300\nBRK\n');
    await page.keyboard.press('F11'); // LDA #$41
    await waitForPane(page, 'bus', /Bus: LDA #\$41, 2 cycles/);
    const lda = await paneText(page, 'bus');
    expect(lda).toMatch(/1 R \$0600 A9\s+opcode fetch: LDA/);
    expect(lda).toMatch(/2 R \$0601 41\s+operand/);
    await page.keyboard.press('F11'); // STA $0300: four cycles, the last one a write
    await waitForPane(page, 'bus', /Bus: STA \$0300, 4 cycles/);
    expect(await paneText(page, 'bus')).toMatch(/4 W \$0300 41\s+data write/);
    await page.screenshot({ path: join(SHOTS, '9-bus.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('B');
    expect(await page.isVisible('#bus')).toBe(false);
    await page.keyboard.press('B');
    expect(await page.isVisible('#bus')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('counts cycles and instructions, and its status line offers no terminal-only keys', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'LDA #$41\nSTA $0300\nBRK\n');
    await page.keyboard.press('F11');
    await page.keyboard.press('F11');
    await waitForPane(page, 'registers', /instr 2\b/);
    const status = await paneText(page, 'status');
    expect(status).toMatch(/PC \$0605/);
    expect(status).toMatch(/\b13 cyc\b/); // the reset sequence's 7, then 2 + 4
    expect(status).toMatch(/s step/);
    expect(status).not.toMatch(/quit/); // a page is closed, not quit
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    expect(await page.textContent('#help-text')).not.toMatch(/quit|redraw|\$EDITOR/);
    expect(errors).toEqual([]);
  });

  it('takes the speed from its menu, with the keyboard alone', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'loop: INX\nJMP loop\n');
    await page.keyboard.press('Control+Shift+Enter');
    await page.focus('#speed');
    await page.keyboard.press('ArrowDown'); // max → 64 MHz
    await page.keyboard.press('ArrowDown'); // → 8 MHz
    await page.keyboard.press('ArrowDown'); // → 1 MHz
    await waitForPane(page, 'explain', /speed limit 1 MHz/);
    await page.keyboard.press('F5');
    await waitForPane(page, 'status', /RUNNING .*≤1 MHz/);
    await page.keyboard.press('F5');
    await waitForPane(page, 'status', /stopped/);
    await page.focus('#debugger'); // out of the menu, where + would be typing
    await page.keyboard.press('+'); // the key and the menu are one setting
    await waitForPane(page, 'explain', /speed limit 2 MHz/);
    expect(await page.inputValue('#speed')).toBe('2');
    expect(errors).toEqual([]);
  });
});

describe('for a classroom', () => {
  it('grows every text for a projector, and keeps the size chosen', async () => {
    const errors: string[] = [];
    const context = await browser.newContext();
    const page = await openPage(context as unknown as Browser, server.url, errors);
    const size = (selector: string): Promise<number> => page.$eval(selector, (node) => Number.parseFloat((globalThis as unknown as { getComputedStyle(n: unknown): { fontSize: string } }).getComputedStyle(node).fontSize));
    const before = { editor: await size('.cm-content'), status: await size('#status'), button: await size('#buttons button') };
    await page.focus('#text-size');
    await page.selectOption('#text-size', '200');
    await page.keyboard.press('F11');
    await waitForPane(page, 'registers', /instr 1\b/);
    expect(await size('.cm-content')).toBeCloseTo(before.editor * 2, 0);
    expect(await size('#status')).toBeCloseTo(before.status * 2, 0);
    expect(await size('#buttons button')).toBeCloseTo(before.button * 2, 0);
    await page.screenshot({ path: join(SHOTS, '10-text-200.png') });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue('#text-size')).toBe('200');
    expect(await size('.cm-content')).toBeCloseTo(before.editor * 2, 0);
    expect(errors).toEqual([]);
  });

  it('zooms the display for a game (z), over the whole page on the second press', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, 'LDA #1\nSTA $0200\nBRK\n');
    await page.keyboard.press('Control+Enter');
    await waitForPane(page, 'explain', /BRK/);
    await page.keyboard.press('Escape');
    const width = (): Promise<number> => page.$eval('#display', (node) => (node as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width);
    const pane = await width();
    await page.keyboard.press('z');
    expect(await width()).toBeGreaterThan(pane);
    await page.keyboard.press('z');
    // Over the whole page: 92% of the window's shorter side.
    const side = await page.evaluate(() => Math.min((globalThis as unknown as { innerWidth: number }).innerWidth, (globalThis as unknown as { innerHeight: number }).innerHeight));
    expect(await width()).toBeCloseTo(side * 0.92, 0);
    await page.screenshot({ path: join(SHOTS, '11-display-full.png') });
    await page.keyboard.press('z');
    expect(await width()).toBeCloseTo(pane, 0);
    await page.keyboard.press('d');
    expect(await page.isVisible('#display')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('is usable by Tab alone: every control in order, each with a visible focus ring, the editor left with Esc', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors);
    await typeProgram(page, PRINT_AB);
    await page.reload(); // the focus starts at the top of the page again; the text is kept
    await page.waitForSelector('body[data-ready="true"]');
    type Focused = { readonly name: string; readonly ring: boolean };
    const focused = (): Promise<Focused> =>
      page.evaluate(() => {
        const scope = globalThis as unknown as { document: { activeElement: Record<string, unknown> & { getAttribute(n: string): string | null; id: string; tagName: string; textContent: string } }; getComputedStyle(n: unknown): { outlineStyle: string; outlineWidth: string } };
        const active = scope.document.activeElement;
        // CodeMirror's text takes the focus; the ring is drawn around the whole editor.
        const style = scope.getComputedStyle((active['closest'] as (selector: string) => unknown).call(active, '.cm-editor') ?? active);
        const name = active.id !== '' ? `#${active.id}` : active.getAttribute('aria-label') ?? `${active.tagName}:${active.textContent.trim().slice(0, 14)}`;
        return { name, ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 };
      });
    const seen: Focused[] = [];
    for (let press = 0; press < 24; press++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      seen.push(now);
      if (now.name === '6502 source') break;
    }
    const names = seen.map((entry) => entry.name);
    expect(names.slice(0, 9)).toEqual(['BUTTON:Assemble & run', 'BUTTON:Step F11 s', 'BUTTON:Over F10 n', 'BUTTON:Out S-F11 o', 'BUTTON:Back u Bksp', 'BUTTON:Reverse U', 'BUTTON:Run F5 c', 'BUTTON:Reset R', '#speed']);
    expect(names).toEqual(expect.arrayContaining(['#text-size', '#machine', '#program', '#tour-toggle', '#share', '#download', '#help-button', '6502 source']));
    for (const entry of seen) expect(entry.ring, `${entry.name} shows where the focus is`).toBe(true);
    // The editor takes Tab for indenting; Esc leaves it, and Tab goes on through the machine's side.
    await page.keyboard.press('Control+Shift+Enter'); // assemble, so the machine's side is there
    await page.keyboard.press('Escape');
    expect((await focused()).name).toBe('#debugger');
    expect((await focused()).ring).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused()).name).toBe('#display');
    await page.keyboard.press('Escape'); // keyboard mode off: keys are the debugger's again
    await page.keyboard.press('Tab');
    expect((await focused()).name).toBe('#console-input');
    expect((await focused()).ring).toBe(true);
    await page.screenshot({ path: join(SHOTS, '12-focus-ring.png') });
    expect(errors).toEqual([]);
  });

  it('with reduced motion, redraws the panes at most twice a second while a program runs', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await openPage(context as unknown as Browser, server.url, errors);
    await typeProgram(page, 'loop: INX\nSTX $0300\nJMP loop\n');
    await page.keyboard.press('Control+Enter');
    await waitForPane(page, 'status', /RUNNING/);
    const redraws = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const scope = globalThis as unknown as { document: { getElementById(id: string): unknown }; MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void; disconnect(): void } };
          let count = 0;
          const observer = new scope.MutationObserver(() => count++);
          observer.observe(scope.document.getElementById('registers'), { childList: true, subtree: true, characterData: true });
          setTimeout(() => {
            observer.disconnect();
            resolve(count);
          }, 2000);
        }),
    );
    expect(redraws).toBeGreaterThan(0); // it does show the run
    expect(redraws).toBeLessThanOrEqual(5); // 2 s at one frame per 500 ms (a frame may fall at either end)
    expect(errors).toEqual([]);
  });
});
