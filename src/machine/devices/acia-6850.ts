/**
 * Motorola 6850 ACIA: +0 control (write) / status (read), +1 transmit data (write) / receive data (read).
 *
 * Control bits 0–1 divide the 1.8432 MHz line clock (÷1, ÷16, ÷64; %11 is the master reset the chip needs
 * before it talks), bits 2–4 pick the word format, bits 5–6 the transmit control (%01: transmit interrupt
 * on), bit 7 enables the receive interrupt. Status: bit 0 RDRF, bit 1 TDRE, bit 5 overrun, bit 7 IRQ.
 * The IRQ output follows the flags: RDRF with receive interrupts on, TDRE with transmit interrupts on.
 * Receive timing and flow are serial-receiver.ts's (overrun only without flow control).
 */
import type { ConsoleChannel } from '../console-channel.js';
import type { Device, DeviceWiring } from './device.js';
import { SerialReceiver, characterCycles } from './serial-receiver.js';
import type { SerialReceiverState } from './serial-receiver.js';

export const ACIA6850_CONTROL_STATUS = 0;
export const ACIA6850_DATA = 1;

export const STATUS_RDRF = 0x01;
export const STATUS_TDRE = 0x02;
export const STATUS_OVERRUN = 0x20;
export const STATUS_IRQ = 0x80;

export const CONTROL_MASTER_RESET = 0x03;
export const CONTROL_TX_IRQ = 0x20;
export const CONTROL_TX_MASK = 0x60;
export const CONTROL_RX_IRQ = 0x80;

const LINE_CLOCK_HZ = 1_843_200;
const DIVIDERS = [1, 16, 64];
/** Bits per character for word-select values 0–7 (start + data + parity + stop). */
const WORD_BITS = [11, 11, 10, 10, 11, 10, 11, 11];

export interface Acia6850State {
  readonly control: number;
  readonly inReset: boolean;
  readonly transmitDoneAt: number;
  readonly receiver: SerialReceiverState;
}

export class Acia6850 implements Device<Acia6850State> {
  readonly size = 2;
  private control = 0;
  /** After power-on and a master reset the chip does nothing until a control word without %11 arrives. */
  private inReset = true;
  private transmitDoneAt = 0;
  private readonly receiver: SerialReceiver;

  constructor(
    private readonly wiring: DeviceWiring,
    private readonly channel: ConsoleChannel | undefined,
    private readonly cpuHz: number,
    /** False: a real line, where bytes the program is too slow for are lost (status bit 5). */
    flowControl = true,
  ) {
    this.receiver = new SerialReceiver(channel, wiring.clock, !flowControl);
    this.updateTiming();
  }

  read(offset: number): number {
    const now = this.wiring.clock();
    this.catchUp(now);
    if (offset === ACIA6850_CONTROL_STATUS) return this.status(now);
    const byte = this.receiver.read();
    this.catchUp(now);
    this.updateLine(now);
    return byte;
  }

  peek(offset: number): number {
    return offset === ACIA6850_CONTROL_STATUS ? this.status(this.wiring.clock()) : this.receiver.data;
  }

  write(offset: number, value: number): void {
    const now = this.wiring.clock();
    if (offset === ACIA6850_CONTROL_STATUS) {
      this.control = value & 0xff;
      this.inReset = (value & CONTROL_MASTER_RESET) === CONTROL_MASTER_RESET;
      if (this.inReset) this.receiver.reset();
      else if (this.control & CONTROL_RX_IRQ) this.receiver.startPolling(now);
      this.updateTiming();
    } else if (!this.inReset) {
      this.channel?.write(value);
      this.transmitDoneAt = now + this.receiver.characterCycles;
    }
    this.updateLine(now);
    this.wiring.reschedule();
  }

  reset(): void {
    this.control = 0;
    this.inReset = true;
    this.transmitDoneAt = 0;
    this.receiver.reset();
    this.updateTiming();
    this.wiring.setInterrupt(false);
  }

  nextEventCycle(): number {
    if (this.inReset) return Infinity;
    let next = Infinity;
    if (this.control & CONTROL_RX_IRQ) next = this.receiver.nextEventCycle();
    if (this.transmitInterruptOn() && this.transmitDoneAt > this.wiring.clock()) next = Math.min(next, this.transmitDoneAt);
    return next;
  }

  service(now: number): void {
    if (!this.inReset && this.control & CONTROL_RX_IRQ && now >= this.receiver.nextEventCycle()) this.receiver.poll(now);
    this.catchUp(now);
    this.updateLine(now);
  }

  saveState(): Acia6850State {
    return { control: this.control, inReset: this.inReset, transmitDoneAt: this.transmitDoneAt, receiver: this.receiver.saveState() };
  }

  restoreState(state: Acia6850State): void {
    this.control = state.control;
    this.inReset = state.inReset;
    this.transmitDoneAt = state.transmitDoneAt;
    this.receiver.restoreState(state.receiver);
    this.updateTiming();
    this.updateLine(this.wiring.clock());
  }

  private status(now: number): number {
    if (this.inReset) return 0;
    let status = 0;
    if (this.receiver.full) status |= STATUS_RDRF;
    if (now >= this.transmitDoneAt) status |= STATUS_TDRE;
    if (this.receiver.overrun) status |= STATUS_OVERRUN;
    if (this.interruptAsserted(now)) status |= STATUS_IRQ;
    return status;
  }

  private catchUp(now: number): void {
    if (!this.inReset) this.receiver.update(now);
  }

  private interruptAsserted(now: number): boolean {
    if (this.inReset) return false;
    const receive = (this.control & CONTROL_RX_IRQ) !== 0 && this.receiver.full;
    const transmit = this.transmitInterruptOn() && now >= this.transmitDoneAt;
    return receive || transmit;
  }

  private transmitInterruptOn(): boolean {
    return (this.control & CONTROL_TX_MASK) === CONTROL_TX_IRQ;
  }

  private updateLine(now: number): void {
    this.wiring.setInterrupt(this.interruptAsserted(now));
  }

  private updateTiming(): void {
    const divider = DIVIDERS[this.control & 0x03] ?? 16;
    const bits = WORD_BITS[(this.control >> 2) & 0x07]!;
    this.receiver.characterCycles = characterCycles(this.cpuHz, LINE_CLOCK_HZ / divider, bits);
  }
}
