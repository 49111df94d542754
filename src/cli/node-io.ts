/**
 * The console device's host side in a terminal: program output to stdout (buffered, flushed between run
 * slices), program input from stdin without ever blocking the emulated CPU.
 *
 * Stdin is only opened when the program first reads $F004 or $F005, so programs that never read input never
 * touch it (and a test harness's open pipe cannot hang them). Node delivers stdin asynchronously, so when
 * the program finds no byte waiting the io asks the machine to pause; the run loop then gives the event
 * loop a moment to deliver data (see {@link NodeConsoleIo.waitForInput}) and resumes.
 */
import type { Writable } from 'node:stream';
import type { ConsoleIo } from '../machine/io.js';

const FLUSH_THRESHOLD = 64 * 1024;
const CONTROL_C = 0x03;
const CONTROL_D = 0x04;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;

export class NodeConsoleIo implements ConsoleIo {
  /** Called when the program looked for input and none was waiting (the machine should pause). */
  onStarved: (() => void) | undefined;
  /** Called when the user pressed Ctrl-C in a raw-mode terminal (stdin is put in raw mode so keys arrive at once). */
  onInterrupt: (() => void) | undefined;

  private readonly input: number[] = [];
  private inputIndex = 0;
  private ended = false;
  private rawMode = false;
  private wake: (() => void) | undefined;
  private output: number[] = [];
  private lastOutputByte = LINE_FEED;
  /** Everything written, kept only when asked (for --json). */
  private readonly transcript: number[] | undefined;
  private readonly onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
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
      // A terminal in raw mode sends CR for Enter; programs see LF, as with piped input.
      this.input.push(this.rawMode && byte === CARRIAGE_RETURN ? LINE_FEED : byte);
    }
    this.wakeUp();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wakeUp();
  };

  /** The input stream, once the program has asked for input (undefined until then). */
  private stdin: NodeJS.ReadStream | undefined;

  constructor(
    /**
     * Program input: the stream, or a function that gives it on first use. Node builds `process.stdin` the
     * first time it is read (a pipe or file pulls in more of Node's stream code), so `moth run` passes
     * `() => process.stdin` and a program that never reads input never pays for it.
     */
    private readonly stdinSource: NodeJS.ReadStream | (() => NodeJS.ReadStream),
    /** Where program output goes; undefined = only kept in the transcript. */
    private readonly stdout: Writable | undefined,
    options: { keepTranscript?: boolean } = {},
  ) {
    this.transcript = options.keepTranscript ? [] : undefined;
  }

  writeOutput(byte: number): void {
    this.output.push(byte);
    this.transcript?.push(byte);
    this.lastOutputByte = byte;
    if (this.output.length >= FLUSH_THRESHOLD) this.flush();
  }

  readInput(): number | undefined {
    if (this.stdin === undefined) this.start();
    if (this.inputIndex < this.input.length) {
      const byte = this.input[this.inputIndex++]!;
      if (this.inputIndex === this.input.length) {
        this.input.length = 0;
        this.inputIndex = 0;
      }
      return byte;
    }
    if (!this.ended) this.onStarved?.();
    return undefined;
  }

  inputEnded(): boolean {
    if (this.stdin === undefined) this.start();
    return this.ended && this.inputIndex >= this.input.length;
  }

  /** True while the program is waiting for input that may still come. */
  get starving(): boolean {
    return this.stdin !== undefined && !this.ended && this.inputIndex >= this.input.length;
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
    if (this.output.length === 0) return;
    this.stdout?.write(Buffer.from(this.output));
    this.output = [];
  }

  /** Takes the buffered program output (instead of writing it to stdout), as Latin-1 text. */
  takeOutput(): string {
    if (this.output.length === 0) return '';
    const text = Buffer.from(this.output).toString('latin1');
    this.output = [];
    return text;
  }

  /** True when the last byte the program printed ended a line (or it printed nothing). */
  get atLineStart(): boolean {
    return this.lastOutputByte === LINE_FEED;
  }

  /** Everything the program printed, as Latin-1 text (only with keepTranscript). */
  transcriptText(): string {
    return this.transcript === undefined ? '' : Buffer.from(this.transcript).toString('latin1');
  }

  /** Flushes output and lets go of stdin, so the process can exit. */
  close(): void {
    this.flush();
    const stdin = this.stdin;
    if (stdin === undefined) return;
    stdin.off('data', this.onData);
    stdin.off('end', this.onEnd);
    stdin.off('error', this.onEnd);
    if (this.rawMode) stdin.setRawMode(false);
    stdin.pause();
    stdin.destroy();
  }

  private start(): void {
    const stdin = typeof this.stdinSource === 'function' ? this.stdinSource() : this.stdinSource;
    this.stdin = stdin;
    if (stdin.isTTY) {
      stdin.setRawMode(true);
      this.rawMode = true;
    }
    stdin.on('data', this.onData);
    stdin.on('end', this.onEnd);
    stdin.on('error', this.onEnd);
    stdin.resume();
  }

  private wakeUp(): void {
    this.wake?.();
  }
}
