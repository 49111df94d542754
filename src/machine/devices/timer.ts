/**
 * A cycle timer that can raise IRQ periodically, for the interrupts chapter. Four registers from its base
 * ($F010 by default): +0/+1 period in CPU cycles ($0000 means 65,536). +2 control, bit 0 runs the timer, bit 1
 * lets it pull its interrupt line; writing it restarts the count. +3 status, bit 7 set once a period has
 * elapsed; writing any value acknowledges it and releases the line. The machine calls {@link TimerDevice.service}
 * between run slices and ends each slice at {@link TimerDevice.nextEventCycle}, so the timer fires on time.
 */
import type { Device, DeviceWiring } from './device.js';

/** Register offsets from the timer's base. */
export const TIMER_PERIOD_LOW_OFFSET = 0;
export const TIMER_PERIOD_HIGH_OFFSET = 1;
export const TIMER_CONTROL_OFFSET = 2;
export const TIMER_STATUS_OFFSET = 3;

export const TIMER_RUN = 0x01;
export const TIMER_IRQ_ENABLE = 0x02;
export const TIMER_FIRED = 0x80;

export interface TimerState {
  readonly period: number;
  readonly control: number;
  readonly fired: boolean;
  /** The CPU cycle at which the timer next fires; undefined while stopped. */
  readonly nextFireCycle: number | undefined;
}

export class TimerDevice implements Device<TimerState> {
  readonly size = 4;
  private period = 0x10000;
  private control = 0;
  private fired = false;
  private nextFireCycle: number | undefined;

  constructor(private readonly wiring: Pick<DeviceWiring, 'clock' | 'setInterrupt' | 'reschedule'>) {}

  read(offset: number): number {
    return this.peek(offset);
  }

  peek(offset: number): number {
    switch (offset) {
      case TIMER_PERIOD_LOW_OFFSET: return this.period & 0xff;
      case TIMER_PERIOD_HIGH_OFFSET: return (this.period >> 8) & 0xff;
      case TIMER_CONTROL_OFFSET: return this.control;
      case TIMER_STATUS_OFFSET: return this.fired ? TIMER_FIRED : 0;
      default: return 0;
    }
  }

  write(offset: number, value: number): void {
    switch (offset) {
      case TIMER_PERIOD_LOW_OFFSET:
        this.period = periodFrom((this.period & 0xff00) | value);
        break;
      case TIMER_PERIOD_HIGH_OFFSET:
        this.period = periodFrom(((value << 8) | (this.period & 0xff)));
        break;
      case TIMER_CONTROL_OFFSET:
        this.control = value & (TIMER_RUN | TIMER_IRQ_ENABLE);
        this.nextFireCycle = this.control & TIMER_RUN ? this.wiring.clock() + this.period : undefined;
        this.updateIrq();
        this.wiring.reschedule();
        break;
      case TIMER_STATUS_OFFSET:
        this.fired = false;
        this.updateIrq();
        break;
    }
  }

  reset(): void {
    this.period = 0x10000;
    this.control = 0;
    this.fired = false;
    this.nextFireCycle = undefined;
    this.updateIrq();
  }

  /** The cycle of the next event, or Infinity while the timer is stopped. */
  nextEventCycle(): number {
    return this.nextFireCycle ?? Infinity;
  }

  /** True while the timer runs with its IRQ enabled: an interrupt is on its way. */
  raisesIrq(): boolean {
    return (this.control & (TIMER_RUN | TIMER_IRQ_ENABLE)) === (TIMER_RUN | TIMER_IRQ_ENABLE);
  }

  /** Fires every period that has elapsed by `now`. */
  service(now: number): void {
    if (this.nextFireCycle === undefined || now < this.nextFireCycle) return;
    while (this.nextFireCycle <= now) this.nextFireCycle += this.period;
    this.fired = true;
    this.updateIrq();
  }

  saveState(): TimerState {
    return { period: this.period, control: this.control, fired: this.fired, nextFireCycle: this.nextFireCycle };
  }

  restoreState(state: TimerState): void {
    this.period = state.period;
    this.control = state.control;
    this.fired = state.fired;
    this.nextFireCycle = state.nextFireCycle;
    this.updateIrq();
  }

  private updateIrq(): void {
    this.wiring.setInterrupt(this.fired && (this.control & TIMER_IRQ_ENABLE) !== 0);
  }
}

function periodFrom(value: number): number {
  return value === 0 ? 0x10000 : value;
}
