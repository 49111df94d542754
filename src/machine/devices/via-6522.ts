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
 * The shift register shifts 8 bits at the rate ACR bits 2–4 select (T2, Φ2 or clock pulses on CB1) and then
 * sets IFR bit 2; bits shifted in are CB2's level. With ACR bit 7, T1 drives PB7 (low from the load to the
 * time-out in one-shot mode, inverted at every time-out in free-run mode); with ACR bit 5, T2 counts falling
 * edges on PB6 instead of cycles. The four control lines: CA1/CB1 set their flags on the edge PCR selects
 * (and latch the port's input with ACR bits 0–1), CA2/CB2 are edge inputs (plain or independent) or outputs
 * (handshake, pulse, low, high) as PCR says. The peripheral drives and sees the lines (docs/devices/via-6522.md).
 * (Just past 600 lines: one chip is one concept here, and its timers, lines and shift register share IFR/IER.)
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

const ACR_PA_LATCH = 0x01;
const ACR_PB_LATCH = 0x02;
const ACR_T2_PULSE_COUNT = 0x20;
const ACR_T1_FREE_RUN = 0x40;
const ACR_T1_PB7 = 0x80;

/** PCR: CA1's active edge (1 rising), CA2's mode (bits 1–3); CB1 and CB2 the same four bits higher. */
const PCR_C1_RISING = 0x01;
/** C2 modes (PCR bits 1–3, or 5–7 for CB2). */
const C2_INPUT_FALLING = 0;
const C2_INDEPENDENT_FALLING = 1;
const C2_INPUT_RISING = 2;
const C2_INDEPENDENT_RISING = 3;
const C2_HANDSHAKE = 4;
const C2_PULSE = 5;
const C2_LOW = 6;
const C2_HIGH = 7;

export type ViaPort = 'a' | 'b';
export type ViaControlLine = 'ca1' | 'ca2' | 'cb1' | 'cb2';

/** What hangs on the ports (an LCD, a keyboard, LEDs). */
export interface ViaPeripheral {
  /** The port's pins changed: `pins` are the levels (outputs as driven, inputs as the peripheral drives them). */
  portsChanged(portA: number, portB: number, directionA: number, directionB: number): void;
  /** The levels the peripheral drives onto a port's pins (1 where it drives nothing: pull-ups). */
  inputPins(port: ViaPort): number;
  /** CA2 or CB2, as outputs, changed level (handshake, pulse or manual modes). */
  controlOutputChanged?(line: 'ca2' | 'cb2', level: boolean): void;
  /** The shift register finished shifting a byte out on CB2 (a 74HC595 or a serial line takes it). */
  shiftedOut?(byte: number): void;
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
  /** Later additions: absent in states saved before them. */
  readonly pb7?: boolean;
  readonly t2Pulses?: number;
  readonly lines?: readonly boolean[];
  readonly latched?: readonly number[];
  readonly srBits?: number;
  readonly ca2PulseUntil?: number;
  readonly cb2PulseUntil?: number;
  readonly handshake?: readonly boolean[];
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
  /** PB7 as T1 drives it (ACR bit 7): low from a load until the time-out. */
  private pb7 = true;
  /** T2's counter in pulse-counting mode (ACR bit 5), which counts PB6's falling edges instead of cycles. */
  private t2Pulses = 0xffff;
  /** Input levels of CA1, CA2, CB1, CB2 (pulled up: high when nothing drives them). */
  private lines = [true, true, true, true];
  /** Port A and B inputs as the last active CA1/CB1 edge latched them (ACR bits 0–1). */
  private latched = [0xff, 0xff];
  /** Bits shifted so far under CB1's clock (modes 3 and 7). */
  private srBits = 0;
  /** CA2/CB2 handshake outputs: low from a port access until C1's active edge. */
  private handshake = [true, true];
  /** Pulse mode: CA2/CB2 low until this cycle (one cycle after the port access). */
  private ca2PulseUntil = 0;
  private cb2PulseUntil = 0;
  peripheral: ViaPeripheral | undefined;

  constructor(private readonly wiring: DeviceWiring) {}

  read(offset: number): number {
    const now = this.wiring.clock();
    this.catchUp(now);
    switch (offset) {
      case VIA_ORB:
        this.clearFlags(IRQ_CB1 | (this.independent('b') ? 0 : IRQ_CB2));
        return this.inputRegister('b');
      case VIA_ORA:
        this.clearFlags(IRQ_CA1 | (this.independent('a') ? 0 : IRQ_CA2));
        this.portAccessed('a', now);
        return this.inputRegister('a');
      case VIA_ORA_NO_HANDSHAKE:
        return this.inputRegister('a');
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
        this.clearFlags(IRQ_CB1 | (this.independent('b') ? 0 : IRQ_CB2));
        this.portsChanged();
        this.portAccessed('b', now); // CB2 handshakes on writes only
        break;
      case VIA_ORA:
      case VIA_ORA_NO_HANDSHAKE:
        this.ora = value;
        if (offset === VIA_ORA) {
          this.clearFlags(IRQ_CA1 | (this.independent('a') ? 0 : IRQ_CA2));
          this.portAccessed('a', now);
        }
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
        this.setPb7(false); // the load starts PB7's low pulse (or the square wave's first half)
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
        this.t2Pulses = (value << 8) | this.t2LatchLow;
        this.t2Armed = true;
        this.clearFlags(IRQ_T2);
        this.wiring.reschedule();
        break;
      case VIA_SR:
        this.sr = value;
        this.clearFlags(IRQ_SR);
        this.startShift(now);
        break;
      case VIA_ACR: {
        const wasCounting = (this.acr & ACR_T2_PULSE_COUNT) !== 0;
        const pb7Before = this.pins('b');
        // T2 carries its count across a change of what it counts.
        if (!wasCounting && (value & ACR_T2_PULSE_COUNT) !== 0) this.t2Pulses = this.t2Counter(now);
        else if (wasCounting && (value & ACR_T2_PULSE_COUNT) === 0) this.t2Zero = now + this.t2Pulses;
        this.acr = value;
        if (this.shiftMode() === 0) this.srDoneAt = Infinity;
        if (this.pins('b') !== pb7Before) this.portsChanged();
        this.wiring.reschedule();
        break;
      }
      case VIA_PCR: {
        const before = this.controlOutputs(now);
        this.pcr = value;
        // Entering handshake mode starts with the line high (no access pending).
        this.handshake = [true, true];
        this.reportControlOutputs(before, now);
        break;
      }
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

  /** A peripheral gives CA1 one active edge, whichever PCR bit 0 selects: IFR bit 1. */
  signalCa1(): void {
    const rising = (this.pcr & PCR_C1_RISING) !== 0;
    this.setControlLine('ca1', !rising);
    this.setControlLine('ca1', rising);
  }

  /** A peripheral gives CB1 one active edge (PCR bit 4): IFR bit 4. */
  signalCb1(): void {
    const rising = (this.pcr & (PCR_C1_RISING << 4)) !== 0;
    this.setControlLine('cb1', !rising);
    this.setControlLine('cb1', rising);
  }

  /**
   * A peripheral drives a control line to `level`. CA1/CB1: the edge PCR selects sets the flag, latches the
   * port's inputs (ACR bits 0–1) and ends a handshake on CA2/CB2; a CB1 rising edge also clocks the shift
   * register in modes 3 and 7. CA2/CB2 as inputs: the edge their mode selects sets their flag.
   */
  setControlLine(line: ViaControlLine, level: boolean): void {
    const index = ['ca1', 'ca2', 'cb1', 'cb2'].indexOf(line);
    const was = this.lines[index]!;
    this.lines[index] = level;
    if (was === level) return;
    const now = this.wiring.clock();
    this.catchUp(now);
    const port: ViaPort = line === 'ca1' || line === 'ca2' ? 'a' : 'b';
    const shift = port === 'a' ? 0 : 4;
    if (line === 'ca1' || line === 'cb1') {
      if (line === 'cb1' && level && (this.shiftMode() === 0x03 || this.shiftMode() === 0x07)) this.clockShift();
      const rising = ((this.pcr >> shift) & PCR_C1_RISING) !== 0;
      if (level !== rising) return;
      if ((this.acr & (port === 'a' ? ACR_PA_LATCH : ACR_PB_LATCH)) !== 0) this.latched[port === 'a' ? 0 : 1] = this.peripheral?.inputPins(port) ?? 0xff;
      if (this.c2Mode(port) === C2_HANDSHAKE && !this.handshake[port === 'a' ? 0 : 1]) {
        const before = this.controlOutputs(now);
        this.handshake[port === 'a' ? 0 : 1] = true;
        this.reportControlOutputs(before, now);
      }
      this.setFlags(port === 'a' ? IRQ_CA1 : IRQ_CB1);
      return;
    }
    const mode = this.c2Mode(port);
    if (mode >= C2_HANDSHAKE) return; // an output: the peripheral's level does not count
    const risingEdge = mode === C2_INPUT_RISING || mode === C2_INDEPENDENT_RISING;
    if (level === risingEdge) this.setFlags(port === 'a' ? IRQ_CA2 : IRQ_CB2);
  }

  /** One falling edge on PB6: in pulse-counting mode T2 counts it, and reaching 0 sets IFR bit 5 (once a load). */
  pulsePb6(): void {
    if ((this.acr & ACR_T2_PULSE_COUNT) === 0) return;
    this.t2Pulses = (this.t2Pulses - 1) & 0xffff;
    if (this.t2Pulses === 0 && this.t2Armed) {
      this.t2Armed = false;
      this.setFlags(IRQ_T2);
    }
  }

  /** CA2 and CB2 as the VIA drives them when PCR makes them outputs (true = high); inputs read high. */
  controlOutput(line: 'ca2' | 'cb2'): boolean {
    return this.controlOutputs(this.wiring.clock())[line === 'ca2' ? 0 : 1]!;
  }

  /** The port's pin levels: outputs where the DDR says so, the peripheral's levels elsewhere; PB7 is T1's with ACR bit 7. */
  pins(port: ViaPort): number {
    const [output, direction] = port === 'a' ? [this.ora, this.ddra] : [this.orb, this.ddrb];
    const input = this.peripheral?.inputPins(port) ?? 0xff;
    const levels = ((output & direction) | (input & ~direction)) & 0xff;
    if (port === 'b' && (this.acr & ACR_T1_PB7) !== 0) return (levels & 0x7f) | (this.pb7 ? 0x80 : 0);
    return levels;
  }

  nextEventCycle(): number {
    let next = Infinity;
    if (this.t1Armed) next = this.t1Zero + 1;
    if (this.t2Armed && (this.acr & ACR_T2_PULSE_COUNT) === 0) next = Math.min(next, this.t2Zero + 1);
    if (this.ca2PulseUntil > 0) next = Math.min(next, this.ca2PulseUntil);
    if (this.cb2PulseUntil > 0) next = Math.min(next, this.cb2PulseUntil);
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
    this.pb7 = true;
    this.t2Pulses = 0xffff;
    this.lines = [true, true, true, true];
    this.latched = [0xff, 0xff];
    this.srBits = 0;
    this.handshake = [true, true];
    this.ca2PulseUntil = this.cb2PulseUntil = 0;
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
      pb7: this.pb7,
      t2Pulses: this.t2Pulses,
      lines: [...this.lines],
      latched: [...this.latched],
      srBits: this.srBits,
      handshake: [...this.handshake],
      ca2PulseUntil: this.ca2PulseUntil,
      cb2PulseUntil: this.cb2PulseUntil,
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
    this.pb7 = state.pb7 ?? true;
    this.t2Pulses = state.t2Pulses ?? 0xffff;
    this.lines = [...(state.lines ?? [true, true, true, true])];
    this.latched = [...(state.latched ?? [0xff, 0xff])];
    this.srBits = state.srBits ?? 0;
    this.handshake = [...(state.handshake ?? [true, true])];
    this.ca2PulseUntil = state.ca2PulseUntil ?? 0;
    this.cb2PulseUntil = state.cb2PulseUntil ?? 0;
    this.updateLine();
  }

  private peekAt(offset: number, now: number): number {
    switch (offset) {
      case VIA_ORB: return this.inputRegister('b');
      case VIA_ORA:
      case VIA_ORA_NO_HANDSHAKE: return this.inputRegister('a');
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

  /** T2 counts cycles down from its load, or PB6's pulses in pulse-counting mode. */
  private t2Counter(now: number): number {
    if ((this.acr & ACR_T2_PULSE_COUNT) !== 0) return this.t2Pulses;
    return this.t2Zero === 0 ? 0xffff : (this.t2Zero - now) & 0xffff;
  }

  /**
   * IRA/IRB as read: with latching on (ACR bits 0–1), the inputs as the last active CA1/CB1 edge found them.
   * Port B's output pins read the output register (and PB7 T1's level when it drives it).
   */
  private inputRegister(port: ViaPort): number {
    const pins = this.pins(port);
    const latching = (this.acr & (port === 'a' ? ACR_PA_LATCH : ACR_PB_LATCH)) !== 0;
    if (!latching) return pins;
    const direction = port === 'a' ? this.ddra : this.ddrb;
    const latched = this.latched[port === 'a' ? 0 : 1]!;
    return ((pins & direction) | (latched & ~direction)) & 0xff;
  }

  /** CA2 (PCR bits 1–3) or CB2 (bits 5–7): its mode. */
  private c2Mode(port: ViaPort): number {
    return (this.pcr >> (port === 'a' ? 1 : 5)) & 0x07;
  }

  /** In the independent modes, reading or writing the port leaves the C2 flag alone. */
  private independent(port: ViaPort): boolean {
    const mode = this.c2Mode(port);
    return mode === C2_INDEPENDENT_FALLING || mode === C2_INDEPENDENT_RISING;
  }

  /** A read or write of ORA (writes only of ORB) pulls C2 low in the handshake and pulse modes. */
  private portAccessed(port: ViaPort, now: number): void {
    const mode = this.c2Mode(port);
    if (mode !== C2_HANDSHAKE && mode !== C2_PULSE) return;
    const before = this.controlOutputs(now);
    if (mode === C2_HANDSHAKE) this.handshake[port === 'a' ? 0 : 1] = false;
    else if (port === 'a') this.ca2PulseUntil = now + 1;
    else this.cb2PulseUntil = now + 1;
    this.reportControlOutputs(before, now);
    if (mode === C2_PULSE) this.wiring.reschedule();
  }

  /** [CA2, CB2] as driven at `now` (inputs read as high). */
  private controlOutputs(now: number): boolean[] {
    return (['a', 'b'] as const).map((port) => {
      switch (this.c2Mode(port)) {
        case C2_HANDSHAKE: return this.handshake[port === 'a' ? 0 : 1]!;
        case C2_PULSE: return now >= (port === 'a' ? this.ca2PulseUntil : this.cb2PulseUntil);
        case C2_LOW: return false;
        case C2_HIGH: return true;
        default: return true;
      }
    });
  }

  private reportControlOutputs(before: readonly boolean[], now: number): void {
    const after = this.controlOutputs(now);
    if (after[0] !== before[0]) this.peripheral?.controlOutputChanged?.('ca2', after[0]!);
    if (after[1] !== before[1]) this.peripheral?.controlOutputChanged?.('cb2', after[1]!);
  }

  /** T1 drives PB7 (when ACR bit 7 lets it): the peripheral sees the change. */
  private setPb7(level: boolean): void {
    if (this.pb7 === level) return;
    this.pb7 = level;
    if ((this.acr & ACR_T1_PB7) !== 0) this.portsChanged();
  }

  /** One CB1 clock in modes 3 (in: CB2's level into bit 0) and 7 (out: bit 7 out on CB2 and round to bit 0). */
  private clockShift(): void {
    const out = this.shiftMode() === 0x07;
    const bit = out ? this.sr >> 7 : this.lines[3] ? 1 : 0;
    this.sr = ((this.sr << 1) | bit) & 0xff;
    this.srBits++;
    if (this.srBits < 8) return;
    this.srBits = 0;
    if (out) this.peripheral?.shiftedOut?.(this.sr);
    this.setFlags(IRQ_SR);
  }

  /** Sets every flag whose moment has come by `now`. */
  private catchUp(now: number): void {
    let flags = 0;
    if (this.t1Armed && now >= this.t1Zero + 1) {
      flags |= IRQ_T1;
      if (this.acr & ACR_T1_FREE_RUN) {
        // Move on to the next underflow still to come: zeros follow each other every latch + 2 cycles.
        const period = this.t1Latch + 2;
        const underflows = Math.floor((now - (this.t1Zero + 1)) / period) + 1;
        this.t1Zero += underflows * period;
        if (underflows % 2 === 1) this.setPb7(!this.pb7); // a square wave: PB7 inverts at each time-out
      } else {
        this.t1Armed = false;
        this.setPb7(true); // the one-shot pulse ends
      }
    }
    if (this.ca2PulseUntil > 0 && now >= this.ca2PulseUntil) {
      this.ca2PulseUntil = 0;
      if (this.c2Mode('a') === C2_PULSE) this.peripheral?.controlOutputChanged?.('ca2', true);
    }
    if (this.cb2PulseUntil > 0 && now >= this.cb2PulseUntil) {
      this.cb2PulseUntil = 0;
      if (this.c2Mode('b') === C2_PULSE) this.peripheral?.controlOutputChanged?.('cb2', true);
    }
    if (this.t2Armed && (this.acr & ACR_T2_PULSE_COUNT) === 0 && now >= this.t2Zero + 1) {
      flags |= IRQ_T2;
      this.t2Armed = false;
    }
    if (this.shiftCompletes() && now >= this.srDoneAt) {
      flags |= IRQ_SR;
      // Shifting in fills the register with CB2's level; shifting out rotates the byte back where it was.
      if (this.shiftMode() < 0x04) this.sr = this.lines[3] ? 0xff : 0x00;
      else this.peripheral?.shiftedOut?.(this.sr);
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
    if (externalClock) {
      this.srBits = 0; // CB1's clocks shift it (setControlLine)
      return;
    }
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
