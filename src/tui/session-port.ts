/**
 * The part of DebugSession the TUI uses, as a type: the app drives a real session, the unit tests a small
 * fake with the same shape.
 */
import type { DebugSession } from '../debugger/session.js';

export type TuiSession = Pick<
  DebugSession,
  | 'on'
  | 'state'
  | 'running'
  | 'location'
  | 'output'
  | 'lastStep'
  | 'variant'
  | 'history'
  | 'stepInto'
  | 'resume'
  | 'runSlice'
  | 'pause'
  | 'stepBack'
  | 'reverseContinue'
  | 'reset'
  | 'toggleBreakpointAtLine'
  | 'addBreakpoint'
  | 'deleteBreakpoint'
  | 'setBreakpointEnabled'
  | 'resumeStepOver'
  | 'resumeStepOut'
  | 'resumeRunTo'
  | 'endInput'
  | 'breakpoints'
  | 'readMemory'
  | 'symbol'
  | 'labelAt'
  | 'labelBefore'
  | 'locationOf'
  | 'addressesForLine'
  | 'disassemble'
  | 'debugProgram'
  | 'stack'
  | 'sendInput'
  | 'pressKey'
  | 'nmi'
  | 'evaluate'
  | 'lcdLines'
  | 'displayStart'
  | 'regionName'
>;
