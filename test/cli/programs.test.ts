// Every program in programs/ runs through the built CLI and must print what its `; expect:` lines say.
//
// The convention (see README): `; expect: <text>` lines give the console output, one line each, in order,
// exactly; `; input: <text>` is fed to stdin with a newline; `; args: <flags>` are extra `moth run` flags;
// `; expect-exit: <n>` (default 0); `; expect-stop: brk|exit|trap|max-cycles` (default brk or exit).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireBuild, runMothAsync } from './helpers.js';

interface Expectations {
  readonly output: string[];
  readonly input: string | undefined;
  readonly args: string[];
  readonly exit: number;
  readonly stops: string[];
}

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

function parseExpectations(source: string): Expectations {
  const output: string[] = [];
  let input: string | undefined;
  let args: string[] = [];
  let exit = 0;
  let stops = ['brk', 'exit'];
  for (const line of source.split(/\r?\n/)) {
    const match = /^\s*;\s*(expect|input|args|expect-exit|expect-stop):(?: (.*))?$/.exec(line);
    if (!match) continue;
    const value = match[2] ?? '';
    switch (match[1]) {
      case 'expect': output.push(value); break;
      case 'input': input = (input ?? '') + value + '\n'; break;
      case 'args': args = value.split(/\s+/).filter((word) => word !== ''); break;
      case 'expect-exit': exit = Number(value); break;
      case 'expect-stop': stops = [value.trim()]; break;
    }
  }
  return { output, input, args, exit, stops };
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
