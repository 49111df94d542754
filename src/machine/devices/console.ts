/**
 * moth's own console port, three registers from its base (py65's addresses $F001/$F004/$F005 by default):
 * +0 prints a byte, +3 takes the next input byte ($00 when none is waiting), +4 says whether input is waiting
 * or has ended. Replayable input and line ends live in the {@link ConsoleChannel} it talks through.
 */
import type { ConsoleChannel } from '../console-channel.js';
import type { Device } from './device.js';

/** Register offsets from the device's base. */
export const CONSOLE_OUT_OFFSET = 0;
export const CONSOLE_IN_OFFSET = 3;
export const CONSOLE_STATUS_OFFSET = 4;

/** Status bit 0: a byte is waiting at +3. */
export const INPUT_WAITING = 0x01;
/** Status bit 7: the input has ended (the pipe closed) and every byte has been read. */
export const INPUT_ENDED = 0x80;

/** The console keeps nothing of its own: its input position and output count are the channel's. */
export type ConsoleState = null;

export class ConsoleDevice implements Device<ConsoleState> {
  readonly size = 5;

  constructor(private readonly channel: ConsoleChannel) {}

  read(offset: number): number {
    if (offset === CONSOLE_IN_OFFSET) return this.channel.take() ?? 0;
    if (offset === CONSOLE_STATUS_OFFSET) return this.status(this.channel.poll());
    return 0;
  }

  write(offset: number, value: number): void {
    if (offset === CONSOLE_OUT_OFFSET) this.channel.write(value);
  }

  peek(offset: number): number {
    if (offset === CONSOLE_IN_OFFSET) return this.channel.waitingByte() ?? 0;
    if (offset === CONSOLE_STATUS_OFFSET) return this.status(this.channel.waitingByte());
    return 0;
  }

  reset(): void {
    // Input already typed stays typed: a reset does not rewind the keyboard.
  }

  saveState(): ConsoleState {
    return null;
  }

  restoreState(): void {}

  private status(waiting: number | undefined): number {
    if (waiting !== undefined) return INPUT_WAITING;
    return this.channel.inputFinished() ? INPUT_ENDED : 0;
  }
}
