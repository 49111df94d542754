/**
 * The console device's host side in a terminal: program output to stdout (buffered, flushed between run
 * slices), program input from stdin without ever blocking the emulated CPU, and memory bounded whatever
 * comes in or goes out.
 *
 * Stdin is only opened when the program first reads $F004 or $F005, so programs that never read input never
 * touch it (and a test harness's open pipe cannot hang them). Node delivers stdin asynchronously, so when
 * the program finds no byte waiting the io asks the machine to pause; the run loop then gives the event
 * loop a moment to deliver data (see {@link NodeConsoleIo.waitForInput}) and resumes. Input the program
 * has not read yet is capped: past {@link INPUT_HIGH_WATER} bytes stdin is paused, so `yes | moth run …`
 * leaves the rest in the pipe instead of in memory.
 *
 * On a terminal, input comes a line at a time by default: the terminal itself echoes what is typed and
 * handles Backspace, and Enter sends the line. `inputMode: 'keys'` hands each key to the program the
 * moment it is pressed, unechoed (raw mode), for programs that read single keys and echo themselves.
 */
import { fstatSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { ConsoleIo } from '../machine/io.js';
import { ByteTail } from '../shared/byte-tail.js';

/** How a terminal delivers keys: a line at a time, echoed and editable, or each key at once, unechoed. */
export type InputMode = 'line' | 'keys';
/** The byte Enter (and each line end of piped input) becomes: LF, or CR as many real 6502 programs expect. */
export type EnterKey = 'lf' | 'cr';

export interface NodeConsoleIoOptions {
  /** Keep what the program prints (for --json), at most {@link transcriptLimit} bytes of it: the last ones. */
  readonly keepTranscript?: boolean;
  readonly transcriptLimit?: number;
  readonly inputMode?: InputMode;
  readonly enter?: EnterKey;
}

const FLUSH_THRESHOLD = 64 * 1024;
/** Room for the unread input: the high-water mark plus one more chunk of a pipe. */
const INPUT_CAPACITY = 192 * 1024;
/** Unread input above which stdin is paused; it is resumed once the program has read it down to the low mark. */
export const INPUT_HIGH_WATER = 64 * 1024;
const INPUT_LOW_WATER = 16 * 1024;
/** The transcript --json keeps by default: the last mebibyte the program printed. */
export const DEFAULT_TRANSCRIPT_LIMIT = 1024 * 1024;
const CONTROL_C = 0x03;
const CONTROL_D = 0x04;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;

export class NodeConsoleIo implements ConsoleIo {
  /** Called when the program looked for input and none was waiting (the machine should pause). */
  onStarved: (() => void) | undefined;
  /** Called when the user pressed Ctrl-C in a raw-mode terminal (with `inputMode: 'keys'` keys arrive at once). */
  onInterrupt: (() => void) | undefined;

  /** Input not yet read: a ring of {@link pendingInput} bytes from {@link inputStart}, reused, so input makes no garbage. */
  private input = new Uint8Array(INPUT_CAPACITY);
  private inputStart = 0;
  private pendingInput = 0;
  private inputPaused = false;
  private ended = false;
  private rawMode = false;
  /** The last input byte was a CR turned into Enter, so a LF right after it belongs to the same line end. */
  private afterCarriageReturn = false;
  private wake: (() => void) | undefined;
  private output = new Uint8Array(FLUSH_THRESHOLD);
  private outputLength = 0;
  private lastOutputByte = LINE_FEED;
  private backlogged = false;
  /** The last bytes written (kept only when asked, for --json) and how many there were in all. */
  private readonly transcript: ByteTail;
  private readonly inputMode: InputMode;
  private readonly enter: EnterKey;

  private readonly onData = (chunk: Buffer | string): void => {
    this.receive(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wakeUp();
  };

  /** The input stream, once the program has asked for input (undefined until then). */
  private stdin: NodeJS.ReadStream | Socket | undefined;

  constructor(
    /**
     * Program input: a stream, a function that gives one on first use, or `'process'` for this process's
     * standard input, opened on first use: a
     * pipe is read straight into a buffer that is used again and again (Node's own `process.stdin` would
     * allocate a new one for every chunk, and an endless pipe would pile up garbage faster than it is
     * collected); a terminal or a file goes through `process.stdin`, which Node builds only when first read.
     */
    private readonly stdinSource: NodeJS.ReadStream | (() => NodeJS.ReadStream) | 'process',
    /** Where program output goes; undefined = only kept in the transcript. */
    private readonly stdout: Writable | undefined,
    options: NodeConsoleIoOptions = {},
  ) {
    this.transcript = new ByteTail(options.keepTranscript ? (options.transcriptLimit ?? DEFAULT_TRANSCRIPT_LIMIT) : 0);
    this.inputMode = options.inputMode ?? 'line';
    this.enter = options.enter ?? 'lf';
  }

  writeOutput(byte: number): void {
    this.output[this.outputLength++] = byte;
    this.lastOutputByte = byte;
    this.transcript.push(byte);
    if (this.outputLength === FLUSH_THRESHOLD) this.flush();
  }

  readInput(): number | undefined {
    if (this.stdin === undefined) this.start();
    if (this.pendingInput > 0) {
      const byte = this.input[this.inputStart]!;
      this.inputStart = (this.inputStart + 1) % this.input.length;
      this.pendingInput--;
      if (this.inputPaused && this.pendingInput <= INPUT_LOW_WATER) {
        this.inputPaused = false;
        this.stdin?.resume();
      }
      return byte;
    }
    if (!this.ended) this.onStarved?.();
    return undefined;
  }

  inputEnded(): boolean {
    if (this.stdin === undefined) this.start();
    return this.ended && this.pendingInput === 0;
  }

  /** True while the program is waiting for input that may still come. */
  get starving(): boolean {
    return this.stdin !== undefined && !this.ended && this.pendingInput === 0;
  }

  /** Bytes received but not yet read by the program (at most {@link INPUT_HIGH_WATER} plus one chunk). */
  get unreadInput(): number {
    return this.pendingInput;
  }

  /** Resolves when input arrives or ends, or after `timeoutMs` (0: after one turn of the event loop). */
  waitForInput(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.wake = done;
    });
  }

  /** Writes buffered program output to stdout. */
  flush(): void {
    if (this.outputLength === 0) return;
    const bytes = Buffer.from(this.output.subarray(0, this.outputLength));
    this.outputLength = 0;
    if (this.stdout !== undefined && !this.stdout.write(bytes)) this.backlogged = true;
  }

  /**
   * Resolves once stdout has taken what was written (at once when it keeps up), so a slow reader slows the
   * program down instead of the output piling up in memory.
   */
  drained(): Promise<void> {
    const stdout = this.stdout;
    if (!this.backlogged || stdout === undefined || !stdout.writableNeedDrain) {
      this.backlogged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        stdout.off('drain', done);
        stdout.off('close', done);
        stdout.off('error', done);
        this.backlogged = false;
        resolve();
      };
      stdout.on('drain', done);
      stdout.on('close', done);
      stdout.on('error', done);
    });
  }

  /** Takes the buffered program output (instead of writing it to stdout), as Latin-1 text. */
  takeOutput(): string {
    if (this.outputLength === 0) return '';
    const text = Buffer.from(this.output.subarray(0, this.outputLength)).toString('latin1');
    this.outputLength = 0;
    return text;
  }

  /** True when the last byte the program printed ended a line (or it printed nothing). */
  get atLineStart(): boolean {
    return this.lastOutputByte === LINE_FEED;
  }

  /** The last bytes the program printed (all of them up to the transcript limit), as Latin-1 text (only with keepTranscript). */
  transcriptText(): string {
    return Buffer.from(this.transcript.bytes()).toString('latin1');
  }

  /** How many bytes the program printed in all (the transcript may hold only the last of them). */
  get outputBytes(): number {
    return this.transcript.length;
  }

  /** Flushes output and lets go of stdin, so the process can exit. */
  close(): void {
    this.flush();
    const stdin = this.stdin;
    if (stdin === undefined) return;
    stdin.off('data', this.onData);
    stdin.off('end', this.onEnd);
    stdin.off('error', this.onEnd);
    if (this.rawMode && isTerminal(stdin)) stdin.setRawMode(false);
    stdin.pause();
    stdin.destroy();
  }

  private start(): void {
    const source = this.stdinSource;
    const stdin = source === 'process' ? openProcessStdin((bytes) => this.receive(bytes)) : typeof source === 'function' ? source() : source;
    this.stdin = stdin;
    if (isTerminal(stdin) && this.inputMode === 'keys') {
      stdin.setRawMode(true);
      this.rawMode = true;
    }
    stdin.on('data', this.onData);
    stdin.on('end', this.onEnd);
    stdin.on('error', this.onEnd);
    stdin.resume();
  }

  /**
   * Takes bytes that arrived (copied: the caller may reuse its buffer) and returns false once the program
   * has {@link INPUT_HIGH_WATER} bytes unread: the source is paused then, leaving the rest in the pipe.
   */
  private receive(bytes: Uint8Array): boolean {
    for (const byte of bytes) {
      if (this.rawMode && byte === CONTROL_C) {
        this.onInterrupt?.();
        continue;
      }
      if (this.rawMode && byte === CONTROL_D) {
        // What a cooked terminal would do: end the input.
        this.ended = true;
        continue;
      }
      const translated = this.lineEndFor(byte);
      if (translated !== undefined) this.pushInput(translated);
    }
    this.wakeUp();
    if (this.pendingInput < INPUT_HIGH_WATER) return true;
    if (!this.inputPaused) {
      this.inputPaused = true;
      this.stdin?.pause();
    }
    return false;
  }

  private pushInput(byte: number): void {
    if (this.pendingInput === this.input.length) {
      // Only a source that ignores pause() gets here; keep its bytes rather than lose them.
      const larger = new Uint8Array(this.input.length * 2);
      for (let index = 0; index < this.pendingInput; index++) larger[index] = this.input[(this.inputStart + index) % this.input.length]!;
      this.input = larger;
      this.inputStart = 0;
    }
    this.input[(this.inputStart + this.pendingInput) % this.input.length] = byte;
    this.pendingInput++;
  }

  /**
   * The byte a received byte becomes, or undefined to drop it: line ends (a raw terminal's CR for Enter, a
   * pipe's LF or CR LF) become the one Enter byte the program expects; every other byte passes unchanged.
   */
  private lineEndFor(byte: number): number | undefined {
    const afterCarriageReturn = this.afterCarriageReturn;
    this.afterCarriageReturn = false;
    if (this.enter === 'lf') return this.rawMode && byte === CARRIAGE_RETURN ? LINE_FEED : byte;
    if (byte === CARRIAGE_RETURN) {
      this.afterCarriageReturn = true;
      return CARRIAGE_RETURN;
    }
    if (byte === LINE_FEED) return afterCarriageReturn ? undefined : CARRIAGE_RETURN;
    return byte;
  }

  private wakeUp(): void {
    this.wake?.();
  }
}

/** How much a pipe read takes at once (what Node itself reads). */
const PIPE_READ_BYTES = 64 * 1024;

/**
 * This process's standard input: a pipe or socket as a socket of its own that reads into one reused buffer
 * and hands each chunk to `receive` (which returns false to pause it); anything else (a terminal, a file)
 * as `process.stdin`, whose 'data' events the caller listens to.
 */
function openProcessStdin(receive: (bytes: Uint8Array) => boolean): NodeJS.ReadStream | Socket {
  let stats;
  try {
    stats = fstatSync(0);
  } catch {
    return process.stdin; // no standard input at all: Node gives an empty stream
  }
  if (!stats.isFIFO() && !stats.isSocket()) return process.stdin;
  const onread = { buffer: new Uint8Array(PIPE_READ_BYTES), callback: (count: number, chunk: Uint8Array) => receive(chunk.subarray(0, count)) };
  // `onread` is documented for `new net.Socket()` since Node 15, but @types/node lists it only for connect().
  return new Socket({ fd: 0, readable: true, writable: false, onread } as ConstructorParameters<typeof Socket>[0]);
}

function isTerminal(stream: NodeJS.ReadStream | Socket): stream is NodeJS.ReadStream & { isTTY: true } {
  return 'isTTY' in stream && stream.isTTY === true;
}
