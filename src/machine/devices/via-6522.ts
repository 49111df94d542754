/**
 * MOS/WDC 6522 VIA: two 8-bit ports with data direction registers, two 16-bit timers, a shift register and
 * an interrupt flag/enable pair. Sixteen registers from its base:
 * +0 ORB/IRB, +1 ORA/IRA, +2 DDRB, +3 DDRA, +4/+5 T1 counter, +6/+7 T1 latch, +8/+9 T2 counter, +A shift
 * register, +B ACR, +C PCR, +D IFR, +E IER, +F ORA without handshake.
 *
 * The timers are exact to the cycle and cost nothing while they run: a counter is worked out from the cycle
 * at which it was loaded. Writing T1's high byte loads the counter from the latch; it shows N on the next
 * cycle, counts down through 0 to $FFFF, and that step sets IFR bit 6: the interrupt comes N + 1.5 cycles
 * after the write, and in free-run mode (ACR bit 6) every N + 2 cycles. T2 (ACR bit 5 = 0) is a one-shot
 * timer the same way, setting IFR bit 5. Register accesses are timed at the end of the accessing instruction.
 * The shift register shifts 8 bits at the rate ACR bits 2–4 select and then sets IFR bit 2; bits shifted in
 * are 1s (CB2 floats high). PB7 timer output, T2 pulse counting, input latching and the handshake modes
 * of CA2/CB2 are not modelled; peripherals can signal CA1/CB1.
 */
import type { Device, DeviceWiring } from './device.js';

export const VIA_ORB = 0x0;
export const VIA_ORA = 0x1;
export const VIA_DDRB = 0x2;
export const VIA_DDRA = 0x3;
export const VIA_T1CL = 0x4;
export const VIA_T1CH = 0x5;
export const VIA_T1LL = 0x6;
export const VIA_T1LH = 0x7;
export const VIA_T2CL = 0x8;
export const VIA_T2CH = 0x9;
export const VIA_SR = 0xa;
export const VIA_ACR = 0xb;
export const VIA_PCR = 0xc;
export const VIA_IFR = 0xd;
export const VIA_IER = 0xe;
export const VIA_ORA_NO_HANDSHAKE = 0xf;

/** IFR / IER bits. */
export const IRQ_CA2 = 0x01;
export const IRQ_CA1 = 0x02;
export const IRQ_SR = 0x04;
export const IRQ_CB2 = 0x08;
export const IRQ_CB1 = 0x10;
export const IRQ_T2 = 0x20;
export const IRQ_T1 = 0x40;
export const IRQ_ANY = 0x80;

const ACR_T1_FREE_RUN = 0x40;

export type ViaPort = 'a' | 'b';

/** What hangs on the ports (an LCD, a keyboard, LEDs). */
export interface ViaPeripheral {
  /** The port's pins changed: `pins` are the levels (outputs as driven, inputs as the peripheral drives them). */
  portsChanged(portA: number, portB: number, directionA: number, directionB: number): void;
  /** The levels the peripheral drives onto a port's pins (1 where it drives nothing: pull-ups). */
  inputPins(port: ViaPort): number;
}

export interface Via6522State {
  readonly registers: readonly number[];
  readonly ifr: number;
  readonly ier: number;
  readonly t1Latch: number;
  readonly t1Zero: number;
  readonly t1Armed: boolean;
  readonly t2LatchLow: number;
  readonly t2Zero: number;
  readonly t2Armed: boolean;
  readonly srDoneAt: number;
}

export class Via6522 implements Device<Via6522State> {
  readonly size = 16;
  private orb = 0;
  private ora = 0;
  private ddrb = 0;
  private ddra = 0;
  private sr = 0;
  private acr = 0;
  private pcr = 0;
  private ifr = 0;
  private ier = 0;
  private t1Latch = 0xffff;
  /** The cycle at which T1's counter reads 0 (the next IRQ comes one cycle later). */
  private t1Zero = 0;
  /** T1 will set its flag at the next underflow (one-shot timers fire once per load). */
  private t1Armed = false;
  private t2LatchLow = 0xff;
  private t2Zero = 0;
  private t2Armed = false;
  /** The cycle at which the shift register finishes its 8 bits; Infinity when idle. */
  private srDoneAt = Infinity;
  peripheral: ViaPeripheral | undefined;

  constructor(private readonly wiring: DeviceWiring) {}

  read(offset: number): number {
    const now = this.wiring.clock();
    this.catchUp(now);
    switch (offset) {
      case VIA_ORB:
        this.clearFlags(IRQ_CB1 | IRQ_CB2);
        return this.pins('b');
      case VIA_ORA:
        this.clearFlags(IRQ_CA1 | IRQ_CA2);
        return this.pins('a');
      case VIA_T1CL:
        this.clearFlags(IRQ_T1);
        return this.t1Counter(now) & 0xff;
      case VIA_T2CL:
        this.clearFlags(IRQ_T2);
        return this.t2Counter(now) & 0xff;
      case VIA_SR:
        this.clearFlags(IRQ_SR);
        this.startShift(now);
        return this.sr;
      default:
        return this.peekAt(offset, now);
    }
  }

  peek(offset: number): number {
    return this.peekAt(offset, this.wiring.clock());
  }

  write(offset: number, value: number): void {
    const now = this.wiring.clock();
    this.catchUp(now);
    value &= 0xff;
    switch (offset) {
      case VIA_ORB:
        this.orb = value;
        this.clearFlags(IRQ_CB1 | IRQ_CB2);
        this.portsChanged();
        break;
      case VIA_ORA:
      case VIA_ORA_NO_HANDSHAKE:
        this.ora = value;
        if (offset === VIA_ORA) this.clearFlags(IRQ_CA1 | IRQ_CA2);
        this.portsChanged();
        break;
      case VIA_DDRB:
        this.ddrb = value;
        this.portsChanged();
        break;
      case VIA_DDRA:
        this.ddra = value;
        this.portsChanged();
        break;
      case VIA_T1CL:
      case VIA_T1LL:
        this.t1Latch = (this.t1Latch & 0xff00) | value;
        break;
      case VIA_T1CH:
        this.t1Latch = (value << 8) | (this.t1Latch & 0xff);
        this.t1Zero = now + 1 + this.t1Latch;
        this.t1Armed = true;
        this.clearFlags(IRQ_T1);
        this.wiring.reschedule();
        break;
      case VIA_T1LH:
        this.t1Latch = (value << 8) | (this.t1Latch & 0xff);
        this.clearFlags(IRQ_T1);
        break;
      case VIA_T2CL:
        this.t2LatchLow = value;
        break;
      case VIA_T2CH:
        this.t2Zero = now + 1 + ((value << 8) | this.t2LatchLow);
        this.t2Armed = true;
        this.clearFlags(IRQ_T2);
        this.wiring.reschedule();
        break;
      case VIA_SR:
        this.sr = value;
        this.clearFlags(IRQ_SR);
        this.startShift(now);
        break;
      case VIA_ACR:
        this.acr = value;
        if (this.shiftMode() === 0) this.srDoneAt = Infinity;
        this.wiring.reschedule();
        break;
      case VIA_PCR:
        this.pcr = value;
        break;
      case VIA_IFR:
        this.clearFlags(value & 0x7f);
        break;
      case VIA_IER:
        if (value & 0x80) this.ier |= value & 0x7f;
        else this.ier &= ~value & 0x7f;
        this.updateLine();
        break;
    }
  }

  /** A peripheral signals CA1 (an active edge as PCR bit 0 selects): IFR bit 1. */
  signalCa1(): void {
    this.setFlags(IRQ_CA1);
  }

  /** A peripheral signals CB1: IFR bit 4. */
  signalCb1(): void {
    this.setFlags(IRQ_CB1);
  }

  /** The port's pin levels: outputs where the DDR says so, the peripheral's levels elsewhere. */
  pins(port: ViaPort): number {
    const [output, direction] = port === 'a' ? [this.ora, this.ddra] : [this.orb, this.ddrb];
    const input = this.peripheral?.inputPins(port) ?? 0xff;
    return ((output & direction) | (input & ~direction)) & 0xff;
  }

  nextEventCycle(): number {
    let next = Infinity;
    if (this.t1Armed) next = this.t1Zero + 1;
    if (this.t2Armed) next = Math.min(next, this.t2Zero + 1);
    if (this.shiftCompletes()) next = Math.min(next, this.srDoneAt);
    return next;
  }

  service(now: number): void {
    this.catchUp(now);
  }

  reset(): void {
    this.orb = this.ora = this.ddrb = this.ddra = 0;
    this.sr = this.acr = this.pcr = this.ifr = this.ier = 0;
    this.t1Latch = 0xffff;
    this.t1Zero = 0;
    this.t1Armed = false;
    this.t2LatchLow = 0xff;
    this.t2Zero = 0;
    this.t2Armed = false;
    this.srDoneAt = Infinity;
    this.updateLine();
    this.portsChanged();
  }

  saveState(): Via6522State {
    return {
      registers: [this.orb, this.ora, this.ddrb, this.ddra, this.sr, this.acr, this.pcr],
      ifr: this.ifr,
      ier: this.ier,
      t1Latch: this.t1Latch,
      t1Zero: this.t1Zero,
      t1Armed: this.t1Armed,
      t2LatchLow: this.t2LatchLow,
      t2Zero: this.t2Zero,
      t2Armed: this.t2Armed,
      srDoneAt: this.srDoneAt,
    };
  }

  restoreState(state: Via6522State): void {
    [this.orb, this.ora, this.ddrb, this.ddra, this.sr, this.acr, this.pcr] = state.registers as [number, number, number, number, number, number, number];
    this.ifr = state.ifr;
    this.ier = state.ier;
    this.t1Latch = state.t1Latch;
    this.t1Zero = state.t1Zero;
    this.t1Armed = state.t1Armed;
    this.t2LatchLow = state.t2LatchLow;
    this.t2Zero = state.t2Zero;
    this.t2Armed = state.t2Armed;
    this.srDoneAt = state.srDoneAt;
    this.updateLine();
  }

  private peekAt(offset: number, now: number): number {
    switch (offset) {
      case VIA_ORB: return this.pins('b');
      case VIA_ORA:
      case VIA_ORA_NO_HANDSHAKE: return this.pins('a');
      case VIA_DDRB: return this.ddrb;
      case VIA_DDRA: return this.ddra;
      case VIA_T1CL: return this.t1Counter(now) & 0xff;
      case VIA_T1CH: return this.t1Counter(now) >> 8;
      case VIA_T1LL: return this.t1Latch & 0xff;
      case VIA_T1LH: return this.t1Latch >> 8;
      case VIA_T2CL: return this.t2Counter(now) & 0xff;
      case VIA_T2CH: return this.t2Counter(now) >> 8;
      case VIA_SR: return this.sr;
      case VIA_ACR: return this.acr;
      case VIA_PCR: return this.pcr;
      case VIA_IFR: return this.ifrValue();
      default: return this.ier | 0x80;
    }
  }

  /** T1's counter at cycle `now`: down from the latch to 0, then $FFFF (free-run reloads the cycle after). */
  private t1Counter(now: number): number {
    if (this.t1Zero === 0) return this.t1Latch; // never loaded
    const value = this.t1Zero - now;
    if (this.t1Armed && value > this.t1Latch) return 0xffff; // the reload cycle of free-run mode
    return value & 0xffff;
  }

  /** T2 counts cycles down from its load (pulse counting on PB6 is not modelled). */
  private t2Counter(now: number): number {
    return this.t2Zero === 0 ? 0xffff : (this.t2Zero - now) & 0xffff;
  }

  /** Sets every flag whose moment has come by `now`. */
  private catchUp(now: number): void {
    let flags = 0;
    if (this.t1Armed && now >= this.t1Zero + 1) {
      flags |= IRQ_T1;
      if (this.acr & ACR_T1_FREE_RUN) {
        // Move on to the next underflow still to come: zeros follow each other every latch + 2 cycles.
        const period = this.t1Latch + 2;
        this.t1Zero += (Math.floor((now - (this.t1Zero + 1)) / period) + 1) * period;
      } else {
        this.t1Armed = false;
      }
    }
    if (this.t2Armed && now >= this.t2Zero + 1) {
      flags |= IRQ_T2;
      this.t2Armed = false;
    }
    if (this.shiftCompletes() && now >= this.srDoneAt) {
      flags |= IRQ_SR;
      // Shifting in fills the register with CB2's level (1s); shifting out leaves the byte where it was.
      if (this.shiftMode() < 0x04) this.sr = 0xff;
      this.srDoneAt = Infinity;
    }
    if (flags !== 0) this.setFlags(flags);
  }

  private shiftMode(): number {
    return (this.acr >> 2) & 0x07;
  }

  /** Modes that end after 8 bits and set the flag (mode 4, free-running output, never does). */
  private shiftCompletes(): boolean {
    return Number.isFinite(this.srDoneAt) && this.shiftMode() !== 0 && this.shiftMode() !== 0x04;
  }

  /** A read or write of SR starts 8 shifts at the selected rate: Φ2 (2 cycles a bit) or T2's latch. */
  private startShift(now: number): void {
    const mode = this.shiftMode();
    if (mode === 0 || mode === 0x04) return;
    const underPhi2 = mode === 0x02 || mode === 0x06;
    const externalClock = mode === 0x03 || mode === 0x07;
    if (externalClock) return; // CB1 clocks it, and nothing drives CB1 here
    const bitCycles = underPhi2 ? 2 : 2 * (this.t2LatchLow + 2);
    this.srDoneAt = now + 8 * bitCycles;
    this.wiring.reschedule();
  }

  private ifrValue(): number {
    return this.ifr | ((this.ifr & this.ier) !== 0 ? IRQ_ANY : 0);
  }

  private setFlags(flags: number): void {
    this.ifr |= flags;
    this.updateLine();
  }

  private clearFlags(flags: number): void {
    this.ifr &= ~flags & 0x7f;
    this.updateLine();
  }

  private updateLine(): void {
    this.wiring.setInterrupt((this.ifr & this.ier & 0x7f) !== 0);
  }

  private portsChanged(): void {
    this.peripheral?.portsChanged(this.pins('a'), this.pins('b'), this.ddra, this.ddrb);
  }
}
