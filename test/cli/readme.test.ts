// The README's quick start works exactly as written: its hello.s, run with its `npx moth` command from inside
// the clone, prints what the README shows; its PATH recipe gives a plain `moth` without root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireBuild } from './helpers.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));

/** The body of the first fenced block of `language` in `text`. */
function fencedBlock(text: string, language: string): string {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(text);
  if (match === null) throw new Error(`no \`\`\`${language} block in the quick start`);
  return match[1]!;
}

// A folder inside the clone (npx finds this clone's moth from anywhere in it), removed afterwards.
let folder = '';
beforeAll(() => {
  requireBuild();
  folder = mkdtempSync(join(REPO_ROOT, '.readme-test-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the README's quick start", () => {
  it('runs hello.s with the command shown and prints what it shows', () => {
    writeFileSync(join(folder, 'hello.s'), fencedBlock(quickStart, 'asm'));
    const [command, ...shown] = fencedBlock(quickStart, 'console').trimEnd().split('\n');
    expect(command).toBe('$ npx moth run hello.s');
    const result = spawnSync('npx', ['moth', 'run', 'hello.s'], { cwd: folder, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(result.status).toBe(0);
    const printed = (result.stdout + result.stderr).trimEnd().split('\n');
    expect(printed.slice(0, 3)).toEqual(shown.slice(0, 3));
    // The last line's counts must match; its time and speed differ from run to run.
    const counts = (line: string): string => line.replace(/ in [\d.]+ s \([\d.]+ MHz\)$/, '');
    expect(counts(printed[3]!)).toBe(counts(shown[3]!));
  });

  it('puts a plain `moth` on the PATH without root, as written', () => {
    const home = mkdtempSync(join(tmpdir(), 'moth-home-'));
    const recipe = fencedBlock(quickStart.slice(quickStart.indexOf('needs no root')), 'sh');
    const result = spawnSync('bash', ['-c', `${recipe}\ncd / && moth run "${join(REPO_ROOT, 'programs', 'hello.s')}" --quiet`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, HOME: home, FORCE_COLOR: '0' },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Hello from moth, a 6502 you can read!\n');
    rmSync(home, { recursive: true, force: true });
  });
});
