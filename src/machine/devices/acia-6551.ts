/**
 * MOS 6551 / WDC 65C51 ACIA, the serial chip of Ben Eater's computer: +0 data (write transmits, read takes
 * the received byte), +1 status (read) or programmed reset (write), +2 command, +3 control.
 *
 * Transmit: the byte goes to the console at once; TDRE reads 0 for one character time at the baud rate set in
 * the control register, then 1 (and a transmit interrupt, if enabled). With `wdcTransmitBug` it behaves as
 * the W65C51N does: TDRE always reads 1 and no transmit interrupt ever comes, so software must wait itself.
 * Receive: see serial-receiver.ts; a byte sets RDRF and, when the command register allows, IRQ. With
 * `flowControl: false` a byte that comes while RDRF is set is lost and sets the overrun bit. In echo mode
 * (command bit 4, transmit control %00) every byte received goes straight back out of the transmitter.
 * Reading status clears the IRQ bit (and releases the line); reading data clears RDRF and overrun.
 */
import type { ConsoleChannel } from '../console-channel.js';
import type { Device, DeviceWiring } from './device.js';
import { SerialReceiver, characterCycles } from './serial-receiver.js';
import type { SerialReceiverState } from './serial-receiver.js';

export const ACIA6551_DATA = 0;
export const ACIA6551_STATUS = 1;
export const ACIA6551_COMMAND = 2;
export const ACIA6551_CONTROL = 3;

/** Status bits. */
export const STATUS_OVERRUN = 0x04;
export const STATUS_RDRF = 0x08;
export const STATUS_TDRE = 0x10;
export const STATUS_IRQ = 0x80;

/** Command bits: DTR (receiver and interrupts on), receive IRQ disabled, transmit control (bits 2–3), echo. */
export const COMMAND_DTR = 0x01;
export const COMMAND_RX_IRQ_DISABLE = 0x02;
export const COMMAND_TIC_MASK = 0x0c;
export const COMMAND_TIC_IRQ = 0x04;
export const COMMAND_ECHO = 0x10;

/** Baud rates selected by control bits 0–3 (0: the 16× external clock, taken as 115,200). */
const BAUD = [115200, 50, 75, 109.92, 134.58, 150, 300, 600, 1200, 1800, 2400, 3600, 4800, 7200, 9600, 19200];

export interface Acia6551State {
  readonly command: number;
  readonly control: number;
  readonly irq: boolean;
  readonly transmitDoneAt: number;
  readonly transmitIrqPending: boolean;
  readonly receiver: SerialReceiverState;
}

export interface Acia6551Options {
  readonly wdcTransmitBug?: boolean;
  /** False: a real line, where bytes the program is too slow for are lost (overrun). Default true. */
  readonly flowControl?: boolean;
  readonly cpuHz: number;
}

export class Acia6551 implements Device<Acia6551State> {
  readonly size = 4;
  private command = COMMAND_RX_IRQ_DISABLE;
  private control = 0;
  private irq = false;
  private transmitDoneAt = 0;
  private transmitIrqPending = false;
  private readonly receiver: SerialReceiver;

  constructor(
    private readonly wiring: DeviceWiring,
    private readonly channel: ConsoleChannel | undefined,
    private readonly options: Acia6551Options,
  ) {
    this.receiver = new SerialReceiver(channel, wiring.clock, options.flowControl === false);
    this.updateTiming();
  }

  read(offset: number): number {
    const now = this.wiring.clock();
    this.catchUp(now);
    switch (offset) {
      case ACIA6551_DATA: {
        const byte = this.receiver.read(); // clears RDRF and overrun
        this.catchUp(now);
        return byte;
      }
      case ACIA6551_STATUS: {
        const status = this.status(now);
        this.irq = false;
        this.updateLine();
        return status;
      }
      case ACIA6551_COMMAND:
        return this.command;
      default:
        return this.control;
    }
  }

  peek(offset: number): number {
    switch (offset) {
      case ACIA6551_DATA: return this.receiver.data;
      case ACIA6551_STATUS: return this.status(this.wiring.clock());
      case ACIA6551_COMMAND: return this.command;
      default: return this.control;
    }
  }

  write(offset: number, value: number): void {
    const now = this.wiring.clock();
    switch (offset) {
      case ACIA6551_DATA:
        this.channel?.write(value);
        this.transmitDoneAt = now + this.receiver.characterCycles;
        this.transmitIrqPending = true;
        this.wiring.reschedule();
        break;
      case ACIA6551_STATUS:
        // Programmed reset: command bits 0–4 cleared, overrun cleared; control untouched.
        this.command &= 0xe0;
        this.receiver.overrun = false;
        this.irq = false;
        this.updateLine();
        break;
      case ACIA6551_COMMAND:
        this.command = value & 0xff;
        if (this.receiveInterruptOn()) this.receiver.startPolling(now);
        this.updateLine();
        this.wiring.reschedule();
        break;
      default:
        this.control = value & 0xff;
        this.updateTiming();
        break;
    }
  }

  reset(): void {
    this.command = COMMAND_RX_IRQ_DISABLE;
    this.control = 0;
    this.irq = false;
    this.transmitDoneAt = 0;
    this.transmitIrqPending = false;
    this.receiver.reset();
    this.updateTiming();
    this.updateLine();
  }

  nextEventCycle(): number {
    let next = Infinity;
    if (this.receiveInterruptOn()) next = this.receiver.nextEventCycle();
    if (this.transmitInterruptOn() && this.transmitIrqPending) next = Math.min(next, this.transmitDoneAt);
    return next;
  }

  service(now: number): void {
    if (this.receiveInterruptOn() && now >= this.receiver.nextEventCycle() && this.receiver.poll(now)) {
      this.irq = true;
    }
    this.catchUp(now);
    this.updateLine();
  }

  saveState(): Acia6551State {
    return {
      command: this.command,
      control: this.control,
      irq: this.irq,
      transmitDoneAt: this.transmitDoneAt,
      transmitIrqPending: this.transmitIrqPending,
      receiver: this.receiver.saveState(),
    };
  }

  restoreState(state: Acia6551State): void {
    this.command = state.command;
    this.control = state.control;
    this.irq = state.irq;
    this.transmitDoneAt = state.transmitDoneAt;
    this.transmitIrqPending = state.transmitIrqPending;
    this.receiver.restoreState(state.receiver);
    this.updateTiming();
    this.updateLine();
  }

  private status(now: number): number {
    let status = 0;
    if (this.receiver.overrun) status |= STATUS_OVERRUN;
    if (this.receiver.full) status |= STATUS_RDRF;
    if (this.options.wdcTransmitBug || now >= this.transmitDoneAt) status |= STATUS_TDRE;
    if (this.irq) status |= STATUS_IRQ;
    return status; // DCD and DSR read 0: carrier present, data set ready
  }

  /** Takes a byte the line has delivered meanwhile (the receiver only fills an empty register) and a finished transmission. */
  private catchUp(now: number): void {
    if ((this.command & COMMAND_DTR) !== 0 && this.receiver.update(now)) {
      if (this.echoing()) this.channel?.write(this.receiver.data);
      if (this.receiveInterruptOn()) this.irq = true;
    }
    if (this.transmitIrqPending && now >= this.transmitDoneAt) {
      this.transmitIrqPending = false;
      if (this.transmitInterruptOn()) this.irq = true;
    }
  }

  /** Echo mode: command bit 4 with transmit control %00 (the transmitter otherwise idle). */
  private echoing(): boolean {
    return (this.command & (COMMAND_ECHO | COMMAND_TIC_MASK)) === COMMAND_ECHO;
  }

  private receiveInterruptOn(): boolean {
    return (this.command & (COMMAND_DTR | COMMAND_RX_IRQ_DISABLE)) === COMMAND_DTR;
  }

  private transmitInterruptOn(): boolean {
    return !this.options.wdcTransmitBug && (this.command & COMMAND_DTR) !== 0 && (this.command & COMMAND_TIC_MASK) === COMMAND_TIC_IRQ;
  }

  private updateTiming(): void {
    const dataBits = 8 - ((this.control >> 5) & 0x03);
    const stopBits = this.control & 0x80 ? 2 : 1;
    const parity = this.command & 0x20 ? 1 : 0;
    this.receiver.characterCycles = characterCycles(this.options.cpuHz, BAUD[this.control & 0x0f]!, 1 + dataBits + parity + stopBits);
  }

  private updateLine(): void {
    this.wiring.setInterrupt(this.irq);
  }
}
