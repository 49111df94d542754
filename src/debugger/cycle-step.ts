/**
 * The `cycle` step: one clock cycle at a time. The machine itself only ever stops between instructions, so a
 * cycle step walks through the bus cycles of the *next* instruction (worked out on a scratch CPU by
 * bus-cycles.ts, the machine untouched): the first `cycle` shows cycle 1 of n, each further one the next, and
 * the last one really executes the instruction (a normal single step). Nothing here runs in the CPU loop, so
 * the normal loop is exactly as fast as before. Any change to the machine (a step, a run, an edit, a reset)
 * forgets the walk.
 */
import { nextBusCycles, type BusCycleRecord } from './bus-cycles.js';
import type { DebugSession, StopResult } from './session.js';

/** Where a walk through the next instruction's cycles stands. */
export interface CycleWalk {
  readonly cycles: readonly BusCycleRecord[];
  /** The disassembly of the instruction (or `IRQ → handler`) whose cycles these are. */
  readonly text: string;
  /** Cycles shown so far, 1..n. */
  readonly shown: number;
}

/** What one `cycle` did: showed one more cycle, or finished the instruction with a real step. */
export type CycleStepResult =
  | { readonly kind: 'cycle'; readonly walk: CycleWalk }
  | { readonly kind: 'step'; readonly walk: CycleWalk; readonly result: StopResult };

export class CycleStepper {
  private walk: CycleWalk | undefined;
  /** Set while this stepper itself steps, so its own events do not end the walk twice. */
  private stepping = false;

  constructor(private readonly session: DebugSession) {
    session.on((event) => {
      if (this.stepping) return;
      if (event.type === 'registers' || event.type === 'memory' || event.type === 'reset' || event.type === 'running' || event.type === 'stopped') this.walk = undefined;
    });
  }

  /** The walk in progress, if any (the bus pane shows it, cycle `shown` highlighted). */
  get current(): CycleWalk | undefined {
    return this.walk;
  }

  /** One clock cycle: the next one of the walk, or the first of a new walk; the last cycle executes the instruction. */
  step(): CycleStepResult {
    const walk = this.walk ?? this.begin();
    const shown = walk.shown + (this.walk === undefined ? 0 : 1);
    const next = { ...walk, shown };
    if (shown < walk.cycles.length) {
      this.walk = next;
      return { kind: 'cycle', walk: next };
    }
    this.stepping = true;
    try {
      const result = this.session.stepInto(1);
      this.walk = undefined;
      return { kind: 'step', walk: next, result };
    } finally {
      this.stepping = false;
    }
  }

  /** Forgets the walk (a face calls this when it leaves cycle mode). */
  cancel(): void {
    this.walk = undefined;
  }

  private begin(): CycleWalk {
    const preview = nextBusCycles(this.session);
    return { cycles: preview.cycles, text: preview.text, shown: 1 };
  }
}

const steppers = new WeakMap<DebugSession, CycleStepper>();

/** The one cycle stepper of a session, shared by the command line, scripts and the bus pane. */
export function cycleStepperOf(session: DebugSession): CycleStepper {
  let stepper = steppers.get(session);
  if (stepper === undefined) {
    stepper = new CycleStepper(session);
    steppers.set(session, stepper);
  }
  return stepper;
}
