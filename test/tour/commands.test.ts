// Every shell command the tour shows in a code block runs as written (the interactive debugger ones excepted).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../src/tour/chapters.js';
import { REPO_ROOT } from '../cli/helpers.js';

const built = existsSync(join(REPO_ROOT, 'dist/src/cli/main.js'));
if (!built) console.warn('test/tour/commands: SKIPPED, run `npm run build` first (npm test does)');

const PAGES = ['docs/tour/README.md', ...CHAPTERS.map((chapter) => chapter.doc)];

/** Lines of fenced code blocks that are shell commands a reader would type. */
function shownCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inBlock = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inBlock = !inBlock;
    else if (inBlock && /^(moth|node|echo|cat|npm) /.test(line)) commands.push(line.trim());
  }
  return commands;
}

/** The debugger needs a terminal and npm needs the network: the tour's other commands run here. */
function runsHere(command: string): boolean {
  return !/^moth (debug|tour \S)/.test(command) && !command.startsWith('npm ');
}

const workspace = built ? mkdtempSync(join(tmpdir(), 'moth-tour-')) : '';
if (built) {
  // A reader's folder: the repository's programs and bin, and `moth` on the PATH as `npm link` would put it.
  symlinkSync(join(REPO_ROOT, 'programs'), join(workspace, 'programs'));
  symlinkSync(join(REPO_ROOT, 'bin'), join(workspace, 'bin'));
  const shim = join(workspace, 'moth');
  writeFileSync(shim, `#!/bin/sh\nexec node ${JSON.stringify(join(REPO_ROOT, 'bin/moth.js'))} "$@"\n`);
  chmodSync(shim, 0o755);
}

describe.skipIf(!built)('commands shown in the tour', () => {
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  const all = PAGES.map((page) => ({ page, commands: shownCommands(readFileSync(join(REPO_ROOT, page), 'utf8')) }));

  it('the pages show commands at all', () => {
    expect(all.flatMap(({ commands }) => commands).filter(runsHere).length).toBeGreaterThan(20);
  });

  it.each(all.map(({ page, commands }) => [page, commands.filter(runsHere)] as const))('%s: each command exits 0', (_page, commands) => {
    for (const command of commands) {
      let status = 0;
      try {
        execFileSync('sh', ['-c', command], {
          cwd: workspace,
          env: { ...process.env, PATH: `${workspace}:${process.env.PATH ?? ''}` },
          input: '',
          stdio: ['pipe', 'pipe', 'pipe'],
          maxBuffer: 64 * 1024 * 1024, // traces are long
          timeout: 30_000,
        });
      } catch (error) {
        status = (error as { status?: number }).status ?? -1;
      }
      expect(status, command).toBe(0);
    }
  });
});
