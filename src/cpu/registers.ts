/**
 * The programmer-visible registers as plain data: what traces, explanations, conditions and saved states
 * read. A Cpu has these fields, so a Cpu fits wherever one of these is asked for.
 */

/** A, X, Y, SP, PC and the status byte NV-BDIZC. */
export interface Registers {
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly sp: number;
  readonly pc: number;
  readonly p: number;
}

/** The registers and the running cycle total. */
export interface RegistersAndCycles extends Registers {
  readonly cycles: number;
}
