/**
 * Console input typed into a debug session, kept until the program reads it, each byte stamped with the
 * moment (cycle count) it was typed: the program cannot see a byte before that moment, even when going back
 * re-runs the cycles before it (else a re-run would read the byte earlier than the first run did, and the
 * past would change). The machine's console channel logs each byte with the cycle it first saw it, for replay.
 */
export class TypedInput {
  private readonly bytes: number[] = [];
  private readonly typedAt: number[] = [];
  /** Index of the next byte to hand out (the arrays are compacted now and then). */
  private head = 0;
  /** The moment the input was ended (Ctrl-D, a closed pipe), if it was. */
  private endedAt: number | undefined;

  constructor(private readonly clock: () => number) {}

  /** Adds text typed now (bytes are the low 8 bits of each character code). */
  type(text: string, at = this.clock()): void {
    for (const character of text) {
      this.bytes.push(character.charCodeAt(0) & 0xff);
      this.typedAt.push(at);
    }
  }

  /** Ends the input now: once the bytes typed are read, the console says the input is over. */
  end(): void {
    this.endedAt ??= this.clock();
  }

  /** The next byte, when one was typed at or before the machine's current moment. */
  read(): number | undefined {
    if (this.head >= this.bytes.length || this.typedAt[this.head]! > this.clock()) return undefined;
    const byte = this.bytes[this.head++]!;
    if (this.head >= 1024 && this.head * 2 >= this.bytes.length) {
      this.bytes.splice(0, this.head);
      this.typedAt.splice(0, this.head);
      this.head = 0;
    }
    return byte;
  }

  /** True when the input was ended by now and every byte typed has been read. */
  ended(): boolean {
    return this.endedAt !== undefined && this.endedAt <= this.clock() && this.head >= this.bytes.length;
  }

  /** After a reset rewinds the clock: what was typed and not read yet is there at once. */
  availableFromStart(): void {
    this.typedAt.fill(0, this.head);
    if (this.endedAt !== undefined) this.endedAt = 0;
  }
}
