/** The machine's window on the host: bytes out to a console and bytes in from a keyboard or pipe, injected so tests and the debugger run without a terminal. */

export interface ConsoleIo {
  /** Called once for every byte the program writes to the console-out port. */
  writeOutput(byte: number): void;
  /** The next input byte if one is waiting right now; undefined when none is (never blocks). */
  readInput(): number | undefined;
  /** True once the input has ended for good (a pipe closed); omit it for input that never ends. */
  inputEnded?(): boolean;
}

/** An I/O with no input at all that throws output away: handy for benchmarks and tests that only look at memory. */
export function silentIo(): ConsoleIo {
  return { writeOutput: () => {}, readInput: () => undefined, inputEnded: () => true };
}

/** A scripted I/O for tests: the given input is available at once, output is collected. */
export interface ScriptedIo extends ConsoleIo {
  /** Everything written so far, as bytes. */
  readonly output: number[];
  /** Everything written so far, decoded as Latin-1 text (one character per byte). */
  text(): string;
  /** Appends more input, as if the user typed it. */
  type(text: string): void;
  /** Marks the input as ended (the pipe closed). */
  end(): void;
}

export function scriptedIo(input = '', options: { ended?: boolean } = {}): ScriptedIo {
  const pending = Array.from(input, (character) => character.charCodeAt(0) & 0xff);
  const output: number[] = [];
  let ended = options.ended ?? false;
  return {
    output,
    writeOutput: (byte) => void output.push(byte),
    readInput: () => pending.shift(),
    inputEnded: () => ended && pending.length === 0,
    text: () => bytesToText(output),
    type: (text) => {
      for (const character of text) pending.push(character.charCodeAt(0) & 0xff);
    },
    end: () => {
      ended = true;
    },
  };
}

/** Latin-1 decoding in chunks, so a long output does not overflow the argument list of fromCharCode. */
export function bytesToText(bytes: ArrayLike<number>): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 4096) {
    const end = Math.min(bytes.length, start + 4096);
    const chunk: number[] = [];
    for (let index = start; index < end; index++) chunk.push(bytes[index]!);
    text += String.fromCharCode(...chunk);
  }
  return text;
}
