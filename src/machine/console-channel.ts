/**
 * The line between a machine's console device and the host: replayable input, output counting, and the
 * machine's end-of-line convention (CR or LF) translated to and from the host's LF.
 *
 * Input is replayable: every byte taken from the host is logged with the cycle at which the machine first
 * saw it, and a logged byte is only handed out once the CPU's cycle count has reached that cycle. So when a
 * debugger rewinds the CPU (cycles included) and restores this channel's state, the program reads the same
 * bytes at the same moments again, and the host is only asked for more past the end of the log.
 * Whichever chip is the console (moth's console port, a 6551, a 6850, the Apple-1's PIA) uses one channel.
 */
import type { ConsoleIo } from './io.js';

/** How a machine ends its lines: `lf` (moth, Unix) or `cr` (the Apple-1, most ROM monitors and BASICs). */
export type NewlineConvention = 'lf' | 'cr';

export interface ConsoleConventions {
  /** `cr`: the Enter key / LF from the host arrives as CR, and a CR printed reaches the host as LF. */
  readonly newline: NewlineConvention;
  /** Letters typed are turned to capitals (the Apple-1's keyboard had no others). */
  readonly uppercaseInput: boolean;
  /** Bit 7 of printed bytes is dropped (machines that print characters with the high bit set). */
  readonly stripOutputBit7: boolean;
}

export const LF_CONVENTIONS: ConsoleConventions = { newline: 'lf', uppercaseInput: false, stripOutputBit7: false };

export interface ConsoleChannelState {
  /** How many logged input bytes the program has taken. */
  readonly inputPosition: number;
  /** How many bytes the program has written (a debugger can trim its console view to this on undo). */
  readonly outputCount: number;
  /** The cycle of the last byte in or out (for stopping a run whose input is over and that went quiet). */
  readonly lastActivityCycle: number;
  readonly lastOutputWasCr: boolean;
}

/** Without replay, the log is emptied once this many bytes of it have been read (rarely, so it costs nothing). */
const FORGET_AFTER = 1024;

const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;

export class ConsoleChannel {
  private readonly inputValues: number[] = [];
  private readonly inputCycles: number[] = [];
  private inputPosition = 0;
  private outputCount = 0;
  private lastActivityCycle = 0;
  private lastOutputWasCr = false;
  /** The cycle at which the host's input was first seen to have ended; undefined while it has not. */
  private endedAtCycle: number | undefined;

  constructor(
    private readonly io: ConsoleIo,
    /** The CPU's cycle counter, which timestamps input for replay. */
    private readonly clock: () => number,
    private readonly conventions: ConsoleConventions = LF_CONVENTIONS,
    /** False: forget each byte once the program has read it (no replay, memory bounded under endless input). */
    private readonly replayable = true,
  ) {}

  /** The next input byte if the program may see it now, asking the host when the log is used up; nothing is taken. */
  poll(): number | undefined {
    this.pullFromHost();
    return this.waitingByte();
  }

  /** What {@link poll} would return, without asking the host (for side-effect-free peeks). */
  waitingByte(): number | undefined {
    const position = this.inputPosition;
    if (position >= this.inputValues.length) return undefined;
    return this.inputCycles[position]! <= this.clock() ? this.inputValues[position] : undefined;
  }

  /** Takes the waiting input byte (undefined when none is waiting). */
  take(): number | undefined {
    const byte = this.poll();
    if (byte === undefined) return undefined;
    this.inputPosition++;
    this.lastActivityCycle = this.clock();
    return byte;
  }

  /** True once the host's input has ended and the program has taken every byte of it. */
  inputFinished(): boolean {
    const allRead = this.inputPosition >= this.inputValues.length;
    return allRead && this.endedAtCycle !== undefined && this.endedAtCycle <= this.clock();
  }

  /** Sends a byte the program printed to the host, in the host's convention. */
  write(value: number): void {
    this.outputCount++;
    this.lastActivityCycle = this.clock();
    let byte = value & 0xff;
    if (this.conventions.stripOutputBit7) byte &= 0x7f;
    if (this.conventions.newline === 'cr') {
      // CR ends a line; an LF right after it is the same line end, not a second one.
      const afterCr = this.lastOutputWasCr;
      this.lastOutputWasCr = byte === CARRIAGE_RETURN;
      if (byte === CARRIAGE_RETURN) byte = LINE_FEED;
      else if (byte === LINE_FEED && afterCr) return;
    }
    this.io.writeOutput(byte);
  }

  /** The cycle of the last byte the program took or printed. */
  lastActivity(): number {
    return this.lastActivityCycle;
  }

  /**
   * Starts the input over for a new run from reset (a debugger's reset, which also rewinds the clock): the
   * bytes the program already took are forgotten, so it reads new input next rather than the old replayed;
   * bytes received but not yet read stay, and are there at once.
   */
  forgetReadInput(): void {
    this.inputValues.splice(0, this.inputPosition);
    this.inputCycles.splice(0, this.inputPosition);
    this.inputCycles.fill(0);
    this.inputPosition = 0;
    if (this.endedAtCycle !== undefined) this.endedAtCycle = 0;
  }

  /** All input bytes received from the host so far (the replay log), oldest first. */
  inputLog(): readonly number[] {
    return this.inputValues;
  }

  saveState(): ConsoleChannelState {
    return {
      inputPosition: this.inputPosition,
      outputCount: this.outputCount,
      lastActivityCycle: this.lastActivityCycle,
      lastOutputWasCr: this.lastOutputWasCr,
    };
  }

  restoreState(state: ConsoleChannelState): void {
    this.inputPosition = state.inputPosition;
    this.outputCount = state.outputCount;
    this.lastActivityCycle = state.lastActivityCycle;
    this.lastOutputWasCr = state.lastOutputWasCr;
  }

  /** Asks the host for one more byte, but only once the log has been replayed to its end. */
  private pullFromHost(): void {
    if (this.inputPosition < this.inputValues.length) return;
    if (!this.replayable && this.inputPosition >= FORGET_AFTER) {
      this.inputValues.length = 0;
      this.inputCycles.length = 0;
      this.inputPosition = 0;
    }
    const byte = this.io.readInput();
    if (byte !== undefined) {
      this.inputValues.push(this.translateInput(byte & 0xff));
      this.inputCycles.push(this.clock());
    } else if (this.endedAtCycle === undefined && this.io.inputEnded?.()) {
      this.endedAtCycle = this.clock();
    }
  }

  private translateInput(byte: number): number {
    if (this.conventions.newline === 'cr' && byte === LINE_FEED) return CARRIAGE_RETURN;
    if (this.conventions.uppercaseInput && byte >= 0x61 && byte <= 0x7a) return byte - 0x20;
    return byte;
  }
}
