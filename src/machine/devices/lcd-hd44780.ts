/**
 * Hitachi HD44780 character LCD, 16×2, on a VIA's ports as in Ben Eater's build. It is not on the CPU's bus:
 * it watches the port pins and latches on E's falling edge, and drives the data pins while E is high with
 * RW set. Two wirings: `eater-8bit` (D0–D7 on port B, E/RW/RS on PA7/PA6/PA5) and `eater-4bit` (D4–D7 on
 * PB0–PB3, RS PB4, RW PB5, E PB6; with D0–D3 unconnected it starts, like the chip, in 8-bit mode and takes
 * nibbles once told so).
 *
 * Instructions keep the busy flag (bit 7 of a status read) up for as long as the datasheet says: 1.52 ms for
 * clear and home, 37 µs for the rest and for data (at the machine's clock rate). The display RAM holds 80
 * characters (two lines of 40); {@link Hd44780.lines} gives the 16 columns on view, ready to show.
 */
import type { DeviceWiring } from './device.js';
import type { Via6522, ViaPeripheral, ViaPort } from './via-6522.js';

export type LcdBus = 'eater-4bit' | 'eater-8bit';

export const LCD_COLUMNS = 16;
export const LCD_ROWS = 2;
const LINE_LENGTH = 40;
const SECOND_LINE = 0x40;

export interface Hd44780State {
  readonly ddram: readonly number[];
  readonly cgram: readonly number[];
  readonly address: number;
  readonly inCgram: boolean;
  readonly increment: boolean;
  readonly shiftDisplay: boolean;
  readonly displayOn: boolean;
  readonly cursorOn: boolean;
  readonly blinkOn: boolean;
  readonly eightBit: boolean;
  readonly twoLines: boolean;
  readonly shift: number;
  readonly busyUntil: number;
  readonly nibble: 'high' | 'low';
  readonly pendingHigh: number;
  readonly enable: boolean;
  readonly rs: boolean;
  readonly rw: boolean;
}

export class Hd44780 implements ViaPeripheral {
  private ddram: number[] = new Array<number>(0x68).fill(0x20);
  private cgram: number[] = new Array<number>(64).fill(0);
  private address = 0;
  private inCgram = false;
  private increment = true;
  private shiftDisplay = false;
  private displayOn = false;
  private cursorOn = false;
  private blinkOn = false;
  private eightBit = true;
  private twoLines = false;
  /** How far the display window is shifted along each line. */
  private shift = 0;
  private busyUntil = 0;
  /** In 4-bit mode: which half of a byte the next E pulse carries. */
  private nibble: 'high' | 'low' = 'high';
  private pendingHigh = 0;
  private enable = false;
  private rs = false;
  private rw = false;
  private via: Via6522 | undefined;

  constructor(
    private readonly wiring: Pick<DeviceWiring, 'clock'>,
    private readonly bus: LcdBus,
    /** CPU cycles per microsecond (1 on a 1 MHz machine). */
    private readonly cyclesPerMicrosecond: number,
  ) {}

  /** Hangs the LCD on a VIA's ports. */
  attach(via: Via6522): void {
    this.via = via;
    via.peripheral = this;
  }

  portsChanged(portA: number, portB: number): void {
    const { enable, rs, rw } = this.controlLines(portA, portB);
    const falling = this.enable && !enable;
    this.enable = enable;
    this.rs = rs;
    this.rw = rw;
    // While E is high with RW set, the LCD drives the data pins (inputPins); it latches on E's falling edge.
    if (!falling) return;
    if (rw) {
      this.finishRead(rs);
      return;
    }
    if (this.bus === 'eater-8bit') {
      this.take(rs, portB);
      return;
    }
    const upper = portB & 0x0f;
    if (this.eightBit) {
      this.take(rs, upper << 4); // D0–D3 are not connected: they read as 0
    } else if (this.nibble === 'high') {
      this.pendingHigh = upper;
      this.nibble = 'low';
    } else {
      this.nibble = 'high';
      this.take(rs, (this.pendingHigh << 4) | upper);
    }
  }

  inputPins(port: ViaPort): number {
    if (!this.enable || !this.rw) return 0xff;
    const byte = this.rs ? this.readData() : this.status();
    if (this.bus === 'eater-8bit') return port === 'b' ? byte : 0xff;
    if (port !== 'b') return 0xff;
    const nibble = this.eightBit || this.nibble === 'high' ? byte >> 4 : byte & 0x0f;
    return 0xf0 | nibble;
  }

  /** The two visible lines of 16 characters, as text (custom characters show as `▒`, the display off as blanks). */
  lines(): string[] {
    const rows: string[] = [];
    for (let row = 0; row < LCD_ROWS; row++) {
      let text = '';
      for (let column = 0; column < LCD_COLUMNS; column++) {
        const position = (column + this.shift + LINE_LENGTH) % LINE_LENGTH;
        const code = this.ddram[row * SECOND_LINE + position]!;
        text += this.displayOn && (row === 0 || this.twoLines) ? characterFor(code) : ' ';
      }
      rows.push(text);
    }
    return rows;
  }

  /** Where the cursor is on view (row, column), or undefined when it is hidden or off-screen. */
  cursor(): { row: number; column: number } | undefined {
    if (!this.displayOn || !(this.cursorOn || this.blinkOn) || this.inCgram) return undefined;
    const row = this.address >= SECOND_LINE ? 1 : 0;
    const column = ((this.address - row * SECOND_LINE - this.shift) % LINE_LENGTH + LINE_LENGTH) % LINE_LENGTH;
    return column < LCD_COLUMNS ? { row, column } : undefined;
  }

  reset(): void {
    this.ddram.fill(0x20);
    this.address = 0;
    this.inCgram = false;
    this.increment = true;
    this.shiftDisplay = false;
    this.displayOn = this.cursorOn = this.blinkOn = false;
    this.eightBit = true;
    this.twoLines = false;
    this.shift = 0;
    this.busyUntil = 0;
    this.nibble = 'high';
    this.enable = this.rs = this.rw = false;
  }

  saveState(): Hd44780State {
    return {
      ddram: [...this.ddram],
      cgram: [...this.cgram],
      address: this.address,
      inCgram: this.inCgram,
      increment: this.increment,
      shiftDisplay: this.shiftDisplay,
      displayOn: this.displayOn,
      cursorOn: this.cursorOn,
      blinkOn: this.blinkOn,
      eightBit: this.eightBit,
      twoLines: this.twoLines,
      shift: this.shift,
      busyUntil: this.busyUntil,
      nibble: this.nibble,
      pendingHigh: this.pendingHigh,
      enable: this.enable,
      rs: this.rs,
      rw: this.rw,
    };
  }

  restoreState(state: Hd44780State): void {
    this.ddram = [...state.ddram];
    this.cgram = [...state.cgram];
    this.address = state.address;
    this.inCgram = state.inCgram;
    this.increment = state.increment;
    this.shiftDisplay = state.shiftDisplay;
    this.displayOn = state.displayOn;
    this.cursorOn = state.cursorOn;
    this.blinkOn = state.blinkOn;
    this.eightBit = state.eightBit;
    this.twoLines = state.twoLines;
    this.shift = state.shift;
    this.busyUntil = state.busyUntil;
    this.nibble = state.nibble;
    this.pendingHigh = state.pendingHigh;
    this.enable = state.enable;
    this.rs = state.rs;
    this.rw = state.rw;
  }

  private controlLines(portA: number, portB: number): { enable: boolean; rs: boolean; rw: boolean } {
    if (this.bus === 'eater-8bit') return { enable: (portA & 0x80) !== 0, rw: (portA & 0x40) !== 0, rs: (portA & 0x20) !== 0 };
    return { enable: (portB & 0x40) !== 0, rw: (portB & 0x20) !== 0, rs: (portB & 0x10) !== 0 };
  }

  /** E fell at the end of a read: the next read gives the other nibble (4-bit); a whole data byte read moves the address on. */
  private finishRead(rs: boolean): void {
    let wholeByte = true;
    if (this.bus === 'eater-4bit' && !this.eightBit) {
      wholeByte = this.nibble === 'low';
      this.nibble = wholeByte ? 'high' : 'low';
    }
    if (wholeByte && rs) this.moveAddress();
  }

  private status(): number {
    const busy = this.wiring.clock() < this.busyUntil ? 0x80 : 0;
    return busy | (this.address & 0x7f);
  }

  private readData(): number {
    return this.inCgram ? this.cgram[this.address & 0x3f]! : this.ddram[this.address] ?? 0x20;
  }

  private take(rs: boolean, byte: number): void {
    if (rs) this.writeData(byte);
    else this.instruction(byte);
  }

  private busyFor(microseconds: number): void {
    this.busyUntil = this.wiring.clock() + Math.ceil(microseconds * this.cyclesPerMicrosecond);
  }

  private writeData(byte: number): void {
    if (this.inCgram) this.cgram[this.address & 0x3f] = byte & 0x1f;
    else this.ddram[this.address] = byte;
    this.moveAddress();
    if (this.shiftDisplay && !this.inCgram) this.shift = (this.shift + (this.increment ? 1 : -1) + LINE_LENGTH) % LINE_LENGTH;
    this.busyFor(37 + 4);
  }

  private moveAddress(): void {
    if (this.inCgram) {
      this.address = (this.address + (this.increment ? 1 : -1)) & 0x3f;
      return;
    }
    // DDRAM runs $00–$27 then $40–$67 (two lines of 40), wrapping from one line to the other.
    let next = this.address + (this.increment ? 1 : -1);
    if (next === LINE_LENGTH) next = SECOND_LINE;
    else if (next === SECOND_LINE - 1) next = LINE_LENGTH - 1;
    else if (next === SECOND_LINE + LINE_LENGTH) next = 0;
    else if (next < 0) next = SECOND_LINE + LINE_LENGTH - 1;
    this.address = next;
  }

  private instruction(byte: number): void {
    if (byte & 0x80) {
      this.inCgram = false;
      this.address = byte & 0x7f;
      this.busyFor(37);
    } else if (byte & 0x40) {
      this.inCgram = true;
      this.address = byte & 0x3f;
      this.busyFor(37);
    } else if (byte & 0x20) {
      this.eightBit = (byte & 0x10) !== 0;
      this.twoLines = (byte & 0x08) !== 0;
      this.nibble = 'high';
      this.busyFor(37);
    } else if (byte & 0x10) {
      const display = (byte & 0x08) !== 0;
      const right = (byte & 0x04) !== 0;
      if (display) this.shift = (this.shift + (right ? -1 : 1) + LINE_LENGTH) % LINE_LENGTH;
      else this.moveAddressBy(right ? 1 : -1);
      this.busyFor(37);
    } else if (byte & 0x08) {
      this.displayOn = (byte & 0x04) !== 0;
      this.cursorOn = (byte & 0x02) !== 0;
      this.blinkOn = (byte & 0x01) !== 0;
      this.busyFor(37);
    } else if (byte & 0x04) {
      this.increment = (byte & 0x02) !== 0;
      this.shiftDisplay = (byte & 0x01) !== 0;
      this.busyFor(37);
    } else if (byte & 0x02) {
      this.inCgram = false;
      this.address = 0;
      this.shift = 0;
      this.busyFor(1520);
    } else if (byte & 0x01) {
      this.ddram.fill(0x20);
      this.inCgram = false;
      this.address = 0;
      this.shift = 0;
      this.increment = true;
      this.busyFor(1520);
    }
  }

  private moveAddressBy(step: 1 | -1): void {
    const increment = this.increment;
    this.increment = step === 1;
    this.moveAddress();
    this.increment = increment;
  }
}

/** The HD44780's A00 character ROM where it differs from ASCII; codes 0–7 (and 8–15) are the custom characters. */
function characterFor(code: number): string {
  if (code < 0x10) return '▒';
  if (code === 0x5c) return '¥';
  if (code === 0x7e) return '→';
  if (code === 0x7f) return '←';
  if (code >= 0x20 && code < 0x7e) return String.fromCharCode(code);
  if (code === 0xff) return '█';
  return '·';
}
