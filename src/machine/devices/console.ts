/**
 * The console: $F001 prints a byte, $F004 takes the next input byte ($00 when none is waiting), $F005 says
 * whether input is waiting or has ended.
 *
 * Input is replayable: every byte taken from the host is logged with the cycle at which the program first
 * saw it, and a read only returns a logged byte once the CPU's cycle count has reached that cycle. So when a
 * debugger rewinds the CPU (cycles included) and restores this device's state, the program reads the same
 * bytes at the same moments again, and only asks the host for more once it runs past the end of the log.
 */
import type { ConsoleIo } from '../io.js';
import type { Device } from './device.js';
import { CONSOLE_IN, CONSOLE_OUT, CONSOLE_STATUS } from '../memory-map.js';

export interface ConsoleState {
  /** How many logged input bytes the program has taken. */
  readonly inputPosition: number;
  /** How many bytes the program has written (a debugger can trim its console view to this on undo). */
  readonly outputCount: number;
}

/** Status bit 0: a byte is waiting at $F004. */
export const INPUT_WAITING = 0x01;
/** Status bit 7: the input has ended (the pipe closed) and every byte has been read. */
export const INPUT_ENDED = 0x80;

/** Without replay, the log is emptied once this many bytes of it have been read (rarely, so it costs nothing). */
const FORGET_AFTER = 1024;

export class ConsoleDevice implements Device<ConsoleState> {
  private readonly inputValues: number[] = [];
  private readonly inputCycles: number[] = [];
  private inputPosition = 0;
  private outputCount = 0;
  /** The cycle at which the host's input was first seen to have ended; undefined while it has not. */
  private endedAtCycle: number | undefined;

  constructor(
    private readonly io: ConsoleIo,
    /** The CPU's cycle counter, which timestamps input for replay. */
    private readonly clock: () => number,
    /** False: forget each byte once the program has read it (no replay, memory bounded under endless input). */
    private readonly replayable = true,
  ) {}

  read(address: number): number {
    if (address === CONSOLE_IN) return this.takeInput();
    if (address === CONSOLE_STATUS) return this.status();
    return 0;
  }

  write(address: number, value: number): void {
    if (address !== CONSOLE_OUT) return;
    this.outputCount++;
    this.io.writeOutput(value & 0xff);
  }

  peek(address: number): number {
    if (address === CONSOLE_IN) return this.waitingByte() ?? 0;
    if (address === CONSOLE_STATUS) return this.peekStatus();
    return 0;
  }

  reset(): void {
    // Input already typed stays typed: a reset does not rewind the keyboard.
  }

  saveState(): ConsoleState {
    return { inputPosition: this.inputPosition, outputCount: this.outputCount };
  }

  restoreState(state: ConsoleState): void {
    this.inputPosition = state.inputPosition;
    this.outputCount = state.outputCount;
  }

  /** All input bytes received from the host so far (the replay log), oldest first. */
  inputLog(): readonly number[] {
    return this.inputValues;
  }

  private takeInput(): number {
    this.pullFromHost();
    const byte = this.waitingByte();
    if (byte === undefined) return 0;
    this.inputPosition++;
    return byte;
  }

  private status(): number {
    this.pullFromHost();
    return this.peekStatus();
  }

  private peekStatus(): number {
    if (this.waitingByte() !== undefined) return INPUT_WAITING;
    const now = this.clock();
    const allRead = this.inputPosition >= this.inputValues.length;
    return allRead && this.endedAtCycle !== undefined && this.endedAtCycle <= now ? INPUT_ENDED : 0;
  }

  /** The next logged byte if the program may see it at this cycle. */
  private waitingByte(): number | undefined {
    const position = this.inputPosition;
    if (position >= this.inputValues.length) return undefined;
    return this.inputCycles[position]! <= this.clock() ? this.inputValues[position] : undefined;
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
      this.inputValues.push(byte & 0xff);
      this.inputCycles.push(this.clock());
    } else if (this.endedAtCycle === undefined && this.io.inputEnded?.()) {
      this.endedAtCycle = this.clock();
    }
  }
}
