// The browser tests' harness: `moth web` started as a user would (its printed address read back), Debian's
// chromium driven by playwright-core (no browser download), and screenshots kept in a temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../cli/helpers.js';

/** The system browser; MOTH_CHROMIUM names another. `.ci/run` installs Debian's chromium. */
export const CHROMIUM = process.env['MOTH_CHROMIUM'] ?? '/usr/bin/chromium';
/** Where screenshots go: never the repository. */
export const SHOTS = process.env['MOTH_WEB_SHOTS'] ?? join(tmpdir(), 'moth-web-shots');

export const SITE_INDEX = join(REPO_ROOT, 'dist/web/index.html');

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** Runs `moth web --port 0` and resolves with the address it prints. */
export function startServer(): Promise<Server> {
  if (!existsSync(SITE_INDEX)) throw new Error(`${SITE_INDEX} is missing: run \`npm run build\` first (npm test does).`);
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'bin/moth.js'), 'web', '--port', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let printed = '';
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(printed);
      if (match === null) return;
      resolve({
        url: match[0],
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`moth web exited (${code}) before printing its address:\n${printed}`)));
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set MOTH_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A new page at `url`, ready when moth's app has started; page errors are collected for the test to check. */
export async function openPage(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return page;
}

/**
 * Replaces the editor's text by typing it key by key, as a learner would (select all, delete, type). The editor
 * keeps the indentation of the line above on Enter, so typed programs here start their lines at column 0.
 */
export async function typeProgram(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

export async function paneText(page: Page, id: string): Promise<string> {
  return page.$eval(`#${id}`, (element) => element.textContent ?? '');
}

/** The page's document as these tests read it (they type-check without the DOM library: they run in Node). */
interface PageDocument {
  getElementById(id: string): { readonly textContent: string | null } | null;
}

/** Waits until pane `id`'s text matches `pattern` (the check runs inside the page). */
export async function waitForPane(page: Page, id: string, pattern: RegExp, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([paneId, source, flags]) => {
      const document = (globalThis as unknown as { document: PageDocument }).document;
      return new RegExp(source!, flags).test(document.getElementById(paneId!)?.textContent ?? '');
    },
    [id, pattern.source, pattern.flags],
    { timeout },
  );
}
