// bin/moth.js chooses between the build's bundle (with its code cache) and tsc's output, in a copy of the package.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireBuild } from './helpers.js';
import { WASM_CORES } from '../../src/cpu/engine/wasm-core.generated.js';

const HELLO_OUTPUT = 'Hello from moth, a 6502 you can read!\n';
const CLI = 'dist/src/cli';

let copy = '';
/** The copy's bundle's modification time, in seconds. */
let bundleBuiltAt = 0;

/** A copy of the built package (bin, dist/src, package.json, programs; node_modules linked) to break at will. */
function copyPackage(): string {
  const folder = mkdtempSync(join(tmpdir(), 'moth-bin-'));
  for (const part of ['bin', 'dist/src', 'package.json', 'programs']) {
    cpSync(join(REPO_ROOT, part), join(folder, part), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return folder;
}

/** `moth run programs/hello.s --quiet` in the copy (`--quiet` left out when `summary` is true). */
function runHello(options: { summary?: boolean; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  const args = [join(copy, 'bin/moth.js'), 'run', join(copy, 'programs/hello.s'), ...(options.summary ? [] : ['--quiet'])];
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Dates `file` `seconds` after (or, negative, before) the bundle as it was built. */
function touch(file: string, seconds: number): void {
  const when = bundleBuiltAt + seconds;
  utimesSync(join(copy, file), when, when);
}

/** Replaces `file` (in the copy) with one that fails if it is ever run, so a passing run proves it was not. */
function breakFile(file: string, seconds: number): void {
  writeFileSync(join(copy, file), 'throw new Error("this file should not have run");\n');
  touch(file, seconds);
}

describe('bin/moth.js', () => {
  beforeEach(() => {
    requireBuild();
    copy = copyPackage();
    bundleBuiltAt = statSync(join(copy, CLI, 'main.bundle.js')).mtimeMs / 1000;
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('runs a program through the bundle and its code cache', () => {
    expect(existsSync(join(copy, CLI, 'main.bundle.js'))).toBe(true);
    expect(statSync(join(copy, CLI, 'main.bundle.cache')).size).toBeGreaterThan(0);
    breakFile(`${CLI}/main.js`, -60);
    const result = runHello();
    expect([result.status, result.stdout, result.stderr]).toEqual([0, HELLO_OUTPUT, '']);
  });

  it("makes a code cache that V8 accepts in a fresh node (moth run turns V8's OSR back on before it is saved)", () => {
    // V8 rejects a cache made under other flags; `moth run` switches on-stack replacement off while it runs.
    const check = [
      "const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');",
      `const folder = ${JSON.stringify(join(copy, CLI))};`,
      "const script = new Script(readFileSync(folder + '/main.bundle.js', 'utf8'), { cachedData: readFileSync(folder + '/main.bundle.cache') });",
      'process.stdout.write(String(script.cachedDataRejected));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8', timeout: 60_000 });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, 'false', '']);
  });

  it('assembles through the asm bundle: tsc\'s assembler and asm command never run', () => {
    for (const file of ['dist/src/asm/index.js', 'dist/src/asm/assembler.js', `${CLI}/commands/asm.js`, `${CLI}/commands/link.js`]) breakFile(file, -60);
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
    const assembled = spawnSync(process.execPath, [join(copy, 'bin/moth.js'), 'asm', join(copy, 'programs/hello.s'), '-o', join(copy, 'hello.bin')], { encoding: 'utf8', timeout: 60_000 });
    expect([assembled.status, assembled.stderr]).toEqual([0, '']);
    expect(statSync(join(copy, CLI, 'asm.bundle.cache')).size).toBeGreaterThan(0);
  });

  it("uses tsc's assembler when the asm bundle is missing or older than tsc's output", () => {
    rmSync(join(copy, CLI, 'asm.bundle.js'));
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
    breakFile(`${CLI}/asm.bundle.js`, -60);
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
  });

  it("uses tsc's output when there is no bundle", () => {
    rmSync(join(copy, CLI, 'main.bundle.js'));
    rmSync(join(copy, CLI, 'main.bundle.cache'));
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
  });

  it('says to build when there is neither a bundle nor tsc output', () => {
    for (const file of ['main.bundle.js', 'main.bundle.cache', 'main.js']) rmSync(join(copy, CLI, file));
    const result = runHello();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^moth: not built yet; run `npm run build` in /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("uses tsc's output when the bundle is older (tsc was run alone)", () => {
    breakFile(`${CLI}/main.bundle.js`, -60);
    touch(`${CLI}/main.bundle.cache`, -60);
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
  });

  it('compiles the bundle as usual when its cache is not V8 code (or made by another Node)', () => {
    writeFileSync(join(copy, CLI, 'main.bundle.cache'), Buffer.alloc(4096, 0x5a));
    touch(`${CLI}/main.bundle.cache`, 60);
    breakFile(`${CLI}/main.js`, -60);
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
  });

  it("keeps a copy of the 6502 wasm core for bin/moth.js's early compile, with the bundle's very bytes", () => {
    const copied = readFileSync(join(copy, CLI, 'core-6502.wasm'));
    expect(Buffer.compare(copied, Buffer.from(WASM_CORES['6502'], 'base64'))).toBe(0);
  });

  it('runs as usual when that copy of the wasm core does not compile', () => {
    writeFileSync(join(copy, CLI, 'core-6502.wasm'), Buffer.alloc(64, 0x5a));
    touch(`${CLI}/core-6502.wasm`, 60);
    expect(runHello()).toEqual({ status: 0, stdout: HELLO_OUTPUT, stderr: '' });
    expect(runHello({ summary: true }).stderr).toContain('BRK at $060D');
  });

  it('never pairs the bundle with the code cache of another bundle (V8 checks only the length)', () => {
    const bundleFile = join(copy, CLI, 'main.bundle.js');
    const original = readFileSync(bundleFile, 'utf8');
    const altered = original.replace('BRK at ', 'BRQ at ');
    expect(altered).not.toBe(original);
    expect(altered.length).toBe(original.length);
    // A cache made for the altered bundle, then the original bundle back, newer than that cache.
    writeFileSync(bundleFile, altered);
    expect(runHello({ env: { MOTH_WRITE_CODE_CACHE: '1' } }).status).toBe(0);
    writeFileSync(bundleFile, original);
    bundleBuiltAt = statSync(bundleFile).mtimeMs / 1000;
    touch(`${CLI}/main.bundle.cache`, -60);
    const result = runHello({ summary: true });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('BRK at $060D');
    expect(result.stderr).not.toContain('BRQ');
  });
});
