// What a debugger moment must bring back exactly, taken from a session: registers, counters, all 64 KiB as a hash, the console.
import type { DebugSession } from '../../../src/debugger/session.js';

/** Everything that must come back exactly: registers, counters, all 64 KiB (as a hash) and the console. */
export interface Moment {
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly sp: number;
  readonly pc: number;
  readonly p: number;
  readonly cycles: number;
  readonly instructions: number;
  readonly memory: number;
  readonly output: string;
}

/** FNV-1a over 32-bit words of all 64 KiB: cheap enough to take after every instruction of a few hundred. */
export function memoryHash(memory: Uint8Array): number {
  const words = new Int32Array(memory.buffer, memory.byteOffset, memory.length >> 2);
  let hash = 0x811c9dc5;
  for (let index = 0; index < words.length; index++) hash = Math.imul(hash ^ words[index]!, 0x01000193);
  return hash >>> 0;
}

export function moment(session: DebugSession): Moment {
  return { ...session.state, memory: memoryHash(session.memory), output: session.output };
}
