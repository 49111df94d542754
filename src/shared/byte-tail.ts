/**
 * The end of a byte stream that may never end (what a program prints): the last `capacity` bytes in a ring,
 * and the count of all of them, so a program that prints for ever costs a fixed amount of memory.
 */
export class ByteTail {
  private readonly ring: Uint8Array;
  private total = 0;
  /** How many of the newest bytes the ring holds: at most its size, fewer after setLength took some back. */
  private held = 0;

  constructor(readonly capacity: number) {
    this.ring = new Uint8Array(capacity);
  }

  /** Every byte pushed and not taken back, including those the ring no longer holds. */
  get length(): number {
    return this.total;
  }

  /** The position (in {@link length}'s count) of the oldest byte still held. */
  get heldFrom(): number {
    return this.total - this.held;
  }

  push(byte: number): void {
    if (this.capacity > 0) {
      this.ring[this.total % this.capacity] = byte;
      if (this.held < this.capacity) this.held++;
    }
    this.total++;
  }

  /**
   * Sets the length (time travel restoring a checkpoint): a shorter one takes back the bytes from there on; a
   * longer one (not seen in practice) holds none, since the bytes in between are not known.
   */
  setLength(length: number): void {
    const target = Math.max(0, length);
    this.held = target > this.total ? 0 : Math.max(0, this.held - (this.total - target));
    this.total = target;
  }

  clear(): void {
    this.total = 0;
    this.held = 0;
  }

  /** A copy of the held bytes from position `from` on (from the oldest held one when `from` is older). */
  bytes(from = 0): Uint8Array {
    const start = Math.max(from, this.heldFrom);
    const result = new Uint8Array(Math.max(0, this.total - start));
    if (result.length === 0) return result;
    const first = start % this.capacity;
    const firstPart = Math.min(result.length, this.capacity - first);
    result.set(this.ring.subarray(first, first + firstPart));
    result.set(this.ring.subarray(0, result.length - firstPart), firstPart);
    return result;
  }
}
