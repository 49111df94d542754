// Runs the built `moth` binary the way a user does, for the CLI's end-to-end tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/moth.js', import.meta.url));
const BUILT_MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface MothResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails with a clear message when the CLI has not been built (npm test builds it; plain vitest does not). */
export function requireBuild(): void {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first (npm test does).`);
}

/** `node bin/moth.js …args` from the repository root, with `input` on stdin (stdin closed when absent). */
export function runMoth(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): MothResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like {@link runMoth}, without blocking the test worker, so independent runs can overlap. */
export function runMothAsync(args: readonly string[], options: { input?: string } = {}): Promise<MothResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary folder and a function that writes a file into it and returns the file's path. */
export function scratchFolder(prefix: string): { folder: string; file: (name: string, contents: string | Uint8Array) => string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return {
    folder,
    file: (name, contents) => {
      const path = join(folder, name);
      writeFileSync(path, contents);
      return path;
    },
  };
}
