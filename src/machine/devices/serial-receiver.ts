/**
 * The receiving half of a serial chip (6551, 6850): bytes from the console channel arrive in the receive
 * data register one character time apart, and only once the program has read the previous one, as if the
 * sender honoured flow control, so piped input is never lost to an overrun. Without flow control (`lossy`,
 * a real line) a byte arrives every character time whether or not the register is free: one arriving while
 * it is full is lost and counted as an overrun (the register keeps the byte that was there).
 *
 * A chip whose receive interrupt is on must notice a byte without the program asking, so the receiver also
 * offers a polling event: one character time after a byte when more may follow, {@link IDLE_POLL_CYCLES}
 * when the host had nothing (asking the host often would only slow the emulation down).
 */
import type { ConsoleChannel } from '../console-channel.js';

/** Between two looks at an idle host: 20 ms of a 1 MHz chip, well under a keystroke's worth of delay. */
export const IDLE_POLL_CYCLES = 20_000;

export interface SerialReceiverState {
  readonly data: number;
  readonly full: boolean;
  readonly lastArrival: number;
  readonly nextPoll: number;
  readonly overrun?: boolean;
  readonly idleSince?: number;
}

export class SerialReceiver {
  /** The receive data register. */
  data = 0;
  /** A byte is waiting in {@link data} (the chips' RDRF). */
  full = false;
  /** Without flow control: a byte came while the register was full, and was lost (the chips' overrun bit). */
  overrun = false;
  private lastArrival = -Infinity;
  /** Without flow control: when the line was last found idle (no byte can have arrived before). */
  private idleSince = -Infinity;
  private nextPoll = 0;

  constructor(
    private readonly channel: ConsoleChannel | undefined,
    private readonly clock: () => number,
    private readonly lossy = false,
  ) {}

  /** Cycles one character takes on the line; the owning chip sets it from its baud rate. */
  characterCycles = 0;

  /** Moves the next host byte into the data register if it is empty and the line had time to carry it. */
  update(now: number): boolean {
    if (this.channel === undefined || now < this.lastArrival + this.characterCycles) return false;
    if (!this.lossy) {
      if (this.full) return false;
      const byte = this.channel.take();
      if (byte === undefined) return false;
      this.data = byte;
      this.full = true;
      this.lastArrival = now;
      return true;
    }
    // A real line: each character time brought the next waiting byte, free register or not. A byte can
    // only have come after the line was last seen idle (the host may have typed it just now).
    const cycles = Math.max(1, this.characterCycles);
    let arrived = false;
    let arrival = Math.max(Number.isFinite(this.lastArrival) ? this.lastArrival + cycles : now, this.idleSince);
    while (arrival <= now) {
      const byte = this.channel.take();
      if (byte === undefined) {
        this.idleSince = now;
        break;
      }
      this.lastArrival = arrival;
      this.idleSince = -Infinity;
      if (this.full) this.overrun = true;
      else {
        this.data = byte;
        this.full = true;
        arrived = true;
      }
      arrival += cycles;
    }
    return arrived;
  }

  /** The program reads the data register: the byte, and the register is free for the next. */
  read(): number {
    this.full = false;
    this.overrun = false;
    return this.data;
  }

  /** The next cycle at which a polling chip should call {@link poll}. */
  nextEventCycle(): number {
    return this.channel === undefined ? Infinity : this.nextPoll;
  }

  /** The polling event: looks for a byte and schedules the next look; true when one arrived. */
  poll(now: number): boolean {
    const arrived = this.update(now);
    const more = this.channel?.waitingByte() !== undefined;
    this.nextPoll = now + (arrived || more || this.full ? Math.max(1, this.characterCycles) : IDLE_POLL_CYCLES);
    return arrived;
  }

  /** Starts polling from now (a chip just enabled its receive interrupt). */
  startPolling(now: number): void {
    this.nextPoll = now;
  }

  reset(): void {
    this.full = false;
    this.overrun = false;
    this.data = 0;
    this.lastArrival = -Infinity;
    this.idleSince = -Infinity;
    this.nextPoll = this.clock();
  }

  saveState(): SerialReceiverState {
    return { data: this.data, full: this.full, lastArrival: this.lastArrival, nextPoll: this.nextPoll, overrun: this.overrun, idleSince: this.idleSince };
  }

  restoreState(state: SerialReceiverState): void {
    this.data = state.data;
    this.full = state.full;
    this.lastArrival = state.lastArrival;
    this.nextPoll = state.nextPoll;
    this.overrun = state.overrun ?? false;
    this.idleSince = state.idleSince ?? -Infinity;
  }
}

/** CPU cycles one character of `bits` bits takes at `baud`, for a CPU clocked at `cpuHz`. */
export function characterCycles(cpuHz: number, baud: number, bits: number): number {
  return Math.max(1, Math.round((cpuHz * bits) / baud));
}
