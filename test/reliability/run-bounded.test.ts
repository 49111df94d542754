// `moth run` keeps memory bounded whatever comes in or goes out (endless piped input, a program that prints
// for ever under --json), ends on SIGTERM and SIGHUP as on Ctrl-C, and says so when stdout cannot be written.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, scratchFolder } from '../cli/helpers.js';
import { waitUntil, watchMoth } from './helpers.js';

/** The bound the issue sets for endless input; an idle `moth run` is about 50 MB of it. */
const MEMORY_BOUND = 100 * 1024 * 1024;
const { folder: scratch, file: scratchFile } = scratchFolder('moth-bounded-');

beforeAll(() => requireBuild());

/** An endless stream of bytes from a child process (`yes`, `cat /dev/zero`), ended when the test is done. */
function endless(command: string, args: string[]): { stream: NodeJS.ReadableStream; stop: () => void } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  return { stream: child.stdout, stop: () => child.kill() };
}

describe('endless console input', () => {
  it('yes | moth run programs/examples/echo.s stays under 100 MB', async () => {
    const yes = endless('yes', []);
    const devNull = openSync('/dev/null', 'w');
    try {
      const run = await watchMoth(['run', 'programs/examples/echo.s', '--max-cycles', '60000000', '-q'], { stdin: yes.stream, stdout: devNull });
      expect(run.status).toBe(4); // stopped by --max-cycles, not by the memory running out
      expect(run.peakRssBytes).toBeGreaterThan(0);
      expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
    } finally {
      yes.stop();
      closeSync(devNull);
    }
  });

  it('cat /dev/zero | moth run <a program that reads once, then loops> does not die', async () => {
    const program = scratchFile('once.s', '        LDA $F004\nloop:   JMP other\nother:  JMP loop\n');
    const zeros = endless('cat', ['/dev/zero']);
    try {
      const run = await watchMoth(['run', program, '--max-cycles', '300000000'], { stdin: zeros.stream });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(4);
      expect(run.stderr).toContain('Max cycles reached');
      expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
    } finally {
      zeros.stop();
    }
  });
});

describe('moth run --json on a program that prints for ever', () => {
  it('keeps the last mebibyte of output and counts the rest', async () => {
    const program = scratchFile('chatter.s', "loop:   LDA #'x'\n        STA $F001\n        JMP loop\n");
    const run = await watchMoth(['run', program, '--json', '--max-cycles', '20000000']);
    expect(run.status).toBe(4);
    const summary = JSON.parse(run.stdout) as { output: string; outputBytes: number };
    expect(summary.output.length).toBe(1024 * 1024);
    expect(summary.output).toMatch(/^x+$/);
    expect(summary.outputBytes).toBeGreaterThan(2 * 1024 * 1024); // 20 M cycles at 9 cycles a byte
    expect(run.peakRssBytes).toBeLessThan(MEMORY_BOUND);
  });
});

describe('signals end moth run the way Ctrl-C does', () => {
  const program = (): string =>
    scratchFile('ready.s', "        LDA #'r'\n        STA $F001\nloop:   INX\n        JMP loop\n");

  it.each([
    ['SIGTERM', 143, 'Interrupted by SIGTERM'],
    ['SIGHUP', 129, 'Interrupted by SIGHUP'],
    ['SIGINT', 130, 'Interrupted with PC'],
  ] as const)('%s: output flushed, the state printed, exit code %i', async (signal, code, headline) => {
    let sent = false;
    const run = await watchMoth(['run', program()], {
      stdin: 'ignore',
      started: (child) => {
        let seen = '';
        child.stdout!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
        void waitUntil(() => seen.includes('r'), 'the program to start').then(() => {
          sent = child.kill(signal);
        });
      },
    });
    expect(sent).toBe(true);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(code);
    expect(run.stdout).toBe('r');
    expect(run.stderr).toContain(headline);
    expect(run.stderr).toMatch(/A=\$72 X=\$\w\w Y=\$00 SP=\$FD/);
    expect(run.stderr).toContain('give --max-cycles N'); // a runaway program stopped by hand: say how to bound it
  });
});

describe('write errors on stdout', () => {
  it('moth run > /dev/full prints a message and exits 1', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = await watchMoth(['run', 'programs/hello.s'], { stdout: full, stdin: 'ignore' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('moth: cannot write to standard output (ENOSPC: no space left on the device)');
    } finally {
      closeSync(full);
    }
  });

  it('moth disasm > /dev/full too', async () => {
    const binary = join(scratch, 'three.bin');
    writeFileSync(binary, Uint8Array.from([0xea, 0xea, 0x00]));
    const full = openSync('/dev/full', 'w');
    try {
      const run = await watchMoth(['disasm', binary], { stdout: full, stdin: 'ignore' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('cannot write to standard output');
    } finally {
      closeSync(full);
    }
  });
});
