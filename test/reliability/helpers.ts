// Runs the built `moth` as a child process and watches it from outside: its peak resident memory (read from
// /proc while it runs), its exit code or signal, and what it printed, for the reliability tests.
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/moth.js', import.meta.url));

export interface WatchedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The largest resident set seen while it ran, in bytes (0 where /proc is missing). */
  readonly peakRssBytes: number;
}

export interface WatchOptions {
  /** stdin: a readable stream to connect (e.g. another child's stdout), 'ignore', or text to write then close. */
  readonly stdin?: NodeJS.ReadableStream | 'ignore' | string;
  /** stdout: 'pipe' (collected) or a file descriptor (e.g. one opened on /dev/full). */
  readonly stdout?: 'pipe' | number;
  /** Called once the child has started, with it (to watch its output and send it signals). */
  readonly started?: (child: ChildProcess) => void;
  /** Kill the child with SIGKILL after this long (a test must never hang). */
  readonly timeoutMs?: number;
  /** false: hand stdout only to the caller's own listeners (a long transcript need not be kept whole). */
  readonly keepStdout?: boolean;
  /** Options for node itself, before the script (e.g. `--max-old-space-size=64` to cap the heap). */
  readonly nodeArgs?: readonly string[];
}

/** `node bin/moth.js …args`, watched; resolves when it exits. */
export function watchMoth(args: readonly string[], options: WatchOptions = {}): Promise<WatchedRun> {
  const stdinOption = options.stdin;
  const stdio: StdioOptions = [
    typeof stdinOption === 'object' ? 'pipe' : stdinOption === 'ignore' ? 'ignore' : 'pipe',
    options.stdout ?? 'pipe',
    'pipe',
  ];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: REPO_ROOT, stdio, env: { ...process.env, FORCE_COLOR: '0' } });
  if (typeof stdinOption === 'object') stdinOption.pipe(child.stdin!).on('error', () => {});
  else if (typeof stdinOption === 'string' && stdinOption !== 'ignore') child.stdin!.end(stdinOption);
  child.stdin?.on('error', () => {}); // the child may stop reading; that is what some tests check
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  if (options.keepStdout !== false) child.stdout?.on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let peakRssBytes = 0;
  const sample = (): void => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakRssBytes = Math.max(peakRssBytes, Number(match[1]) * 1024);
    } catch {
      // Gone already, or no /proc here.
    }
  };
  const sampler = setInterval(sample, 20);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  options.started?.(child);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr, peakRssBytes });
    });
  });
}

/** Resolves once `check()` holds, polling; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
