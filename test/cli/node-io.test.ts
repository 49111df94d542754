// NodeConsoleIo: stdin opened only on demand, never blocking, input ending, output buffered in order.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { INPUT_HIGH_WATER, NodeConsoleIo } from '../../src/cli/node-io.js';

/** A stand-in for process.stdin: a pipe, not a terminal. */
function fakeStdin(): NodeJS.ReadStream {
  return new PassThrough() as unknown as NodeJS.ReadStream; // only the stream side is used for a pipe
}

describe('NodeConsoleIo', () => {
  it('does not touch stdin until the program asks for input', () => {
    const stdin = fakeStdin();
    const io = new NodeConsoleIo(stdin, undefined);
    io.writeOutput(0x41);
    expect(stdin.listenerCount('data')).toBe(0);
    io.readInput();
    expect(stdin.listenerCount('data')).toBe(1);
    io.close();
  });

  it('asks for the stream only when the program first reads input', () => {
    const stdin = fakeStdin();
    let asked = 0;
    const io = new NodeConsoleIo(() => {
      asked++;
      return stdin;
    }, undefined);
    io.writeOutput(0x41);
    io.close();
    expect(asked).toBe(0);
    const reading = new NodeConsoleIo(() => {
      asked++;
      return stdin;
    }, undefined);
    reading.readInput();
    reading.readInput();
    expect(asked).toBe(1);
    expect(stdin.listenerCount('data')).toBe(1);
    reading.close();
    expect(stdin.listenerCount('data')).toBe(0);
  });

  it('returns nothing (and says it is starving) until data arrives, then the bytes in order', async () => {
    const stdin = fakeStdin();
    const io = new NodeConsoleIo(stdin, undefined);
    let starved = 0;
    io.onStarved = () => void starved++;
    expect(io.readInput()).toBeUndefined();
    expect(starved).toBe(1);
    expect(io.starving).toBe(true);
    const arrived = io.waitForInput(1_000);
    (stdin as unknown as PassThrough).write('hi');
    await arrived;
    expect([io.readInput(), io.readInput(), io.readInput()]).toEqual([0x68, 0x69, undefined]);
    io.close();
  });

  it('reports the end of input once every byte has been read', async () => {
    const stdin = fakeStdin();
    const io = new NodeConsoleIo(stdin, undefined);
    io.readInput();
    (stdin as unknown as PassThrough).end('x');
    await io.waitForInput(1_000);
    await io.waitForInput(50); // 'end' comes after the data
    expect(io.inputEnded()).toBe(false); // 'x' still unread
    expect(io.readInput()).toBe(0x78);
    expect(io.inputEnded()).toBe(true);
    expect(io.starving).toBe(false);
    io.close();
  });

  it('buffers output until flushed, and keeps a transcript when asked', () => {
    const written: Buffer[] = [];
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => written.push(chunk));
    const io = new NodeConsoleIo(fakeStdin(), stdout, { keepTranscript: true });
    for (const byte of Buffer.from('ok\n')) io.writeOutput(byte);
    expect(written).toHaveLength(0);
    io.flush();
    expect(Buffer.concat(written).toString()).toBe('ok\n');
    expect(io.transcriptText()).toBe('ok\n');
    expect(io.atLineStart).toBe(true);
  });

  it('takeOutput hands the pending output to the caller instead of stdout', () => {
    const io = new NodeConsoleIo(fakeStdin(), undefined);
    io.writeOutput(0x48);
    expect(io.takeOutput()).toBe('H');
    expect(io.takeOutput()).toBe('');
    expect(io.atLineStart).toBe(false);
  });
});

describe('NodeConsoleIo keeps memory bounded', () => {
  it('pauses its source once the program has 64 KiB unread, and resumes it when the program catches up', async () => {
    const stdin = new PassThrough();
    const io = new NodeConsoleIo(stdin as unknown as NodeJS.ReadStream, undefined);
    io.readInput();
    stdin.write(Buffer.alloc(INPUT_HIGH_WATER + 10, 0x41));
    await io.waitForInput(1_000);
    expect(io.unreadInput).toBe(INPUT_HIGH_WATER + 10);
    expect(stdin.isPaused()).toBe(true);
    let sum = 0;
    for (let index = 0; index < INPUT_HIGH_WATER; index++) sum += io.readInput() ?? 0;
    expect(sum).toBe(INPUT_HIGH_WATER * 0x41);
    expect(stdin.isPaused()).toBe(false);
    io.close();
  });

  it('keeps only the last bytes of the transcript, in order, and counts them all', () => {
    const io = new NodeConsoleIo(fakeStdin(), undefined, { keepTranscript: true, transcriptLimit: 4 });
    for (const byte of Buffer.from('abcdefg')) io.writeOutput(byte);
    expect(io.transcriptText()).toBe('defg');
    expect(io.outputBytes).toBe(7);
  });
});

describe('NodeConsoleIo line ends', () => {
  async function received(text: string, enter: 'lf' | 'cr'): Promise<number[]> {
    const stdin = new PassThrough();
    const io = new NodeConsoleIo(stdin as unknown as NodeJS.ReadStream, undefined, { enter });
    io.readInput();
    const arrived = io.waitForInput(1_000);
    stdin.write(text);
    await arrived;
    const bytes: number[] = [];
    for (let byte = io.readInput(); byte !== undefined; byte = io.readInput()) bytes.push(byte);
    io.close();
    return bytes;
  }

  it('passes line ends through unchanged by default', async () => {
    expect(await received('a\nb\r\n', 'lf')).toEqual([0x61, 0x0a, 0x62, 0x0d, 0x0a]);
  });

  it('with enter: cr, sends one CR for each LF, CR or CR LF', async () => {
    expect(await received('a\nb\r\nc\rd', 'cr')).toEqual([0x61, 0x0d, 0x62, 0x0d, 0x63, 0x0d, 0x64]);
  });
});
