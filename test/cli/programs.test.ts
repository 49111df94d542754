// Every program in programs/ runs through the built CLI and must print what its `; expect:` lines say
// (the convention: src/tour/expectations.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExpectations } from '../../src/tour/expectations.js';
import { REPO_ROOT, requireBuild, runMothAsync } from './helpers.js';

/** Safety net so a broken program fails instead of hanging the suite. */
const MAX_CYCLES = '200_000_000';

function findPrograms(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...findPrograms(path));
    else if (entry.name.endsWith('.s')) found.push(path);
  }
  return found.sort();
}

const programs = findPrograms(join(REPO_ROOT, 'programs'));

describe('programs/**/*.s run as their comments say', () => {
  beforeAll(requireBuild);

  it('finds the programs', () => {
    expect(programs.map((path) => relative(REPO_ROOT, path))).toContain(join('programs', 'hello.s'));
  });

  // Concurrent: each case is a separate process, and most of its time is Node starting up.
  it.concurrent.for(programs.map((path) => [relative(REPO_ROOT, path), path] as const))('%s', async ([name, path], { expect }) => {
    const expectations = parseExpectations(readFileSync(path, 'utf8'));
    const hasMaxCycles = expectations.args.includes('--max-cycles');
    const args = ['run', name, '--json', ...expectations.args, ...(hasMaxCycles ? [] : ['--max-cycles', MAX_CYCLES])];
    const result = await runMothAsync(args, expectations.input === undefined ? {} : { input: expectations.input });
    expect(result.stderr).not.toMatch(/error|    at /);
    const summary = JSON.parse(result.stdout) as { stop: { reason: string; message: string }; output: string };
    const lines = summary.output.split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines, `console output of ${name}`).toEqual(expectations.output);
    expect(expectations.stops, `stopped with: ${summary.stop.message}`).toContain(summary.stop.reason);
    expect(result.status, `exit code (stop: ${summary.stop.message})`).toBe(expectations.exit);
  });
});
