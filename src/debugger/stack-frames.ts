/**
 * Reads the used part of the stack as the pushes that made it: from the top (SP+1) up to $01FF, a JSR's
 * two-byte return address, a BRK's or an interrupt's three bytes (status, then the address RTI goes back to),
 * or one plain byte — by the session's record of which step wrote each byte (stack-pushes.ts), never by what
 * the bytes look like. A frame is marked only when all its bytes are still the ones that step pushed.
 */
import type { StackEntry } from './session-types.js';
import type { PushedByte } from './stack-pushes.js';
import { STACK_BASE } from '../cpu/stack.js';

export interface StackReader {
  /** A byte without side effects. */
  readonly peek: (address: number) => number;
  /** What last wrote $0100 + slot (stack-pushes.ts). */
  readonly pushed: (slot: number) => PushedByte;
  /** The routine a call went to, by label. */
  readonly routineName: (address: number) => string | undefined;
}

const JSR = 0x20;

/** The stack above `sp`, top first; `returnAddress` marks the first byte of each frame. */
export function readStack(sp: number, reader: StackReader): StackEntry[] {
  const { peek } = reader;
  const entries: StackEntry[] = [];
  const plain = (slot: number): StackEntry => {
    const value = peek(STACK_BASE + slot);
    const record = reader.pushed(slot);
    const unknown = record.kind === 'unknown' && record.value === value;
    return { address: STACK_BASE + slot, value, returnAddress: undefined, label: undefined, ...(unknown ? { unknown } : {}) };
  };
  /** The record of a slot when memory still holds what was pushed there (a debugger edit breaks a frame). */
  const intact = (slot: number): PushedByte | undefined => {
    if (slot > 0xff) return undefined;
    const record = reader.pushed(slot);
    return record.value === peek(STACK_BASE + slot) ? record : undefined;
  };
  const word = (slot: number): number => peek(STACK_BASE + slot) | (peek(STACK_BASE + slot + 1) << 8);
  let slot = sp + 1;
  while (slot <= 0xff) {
    const first = intact(slot);
    const second = intact(slot + 1);
    const sameFrame = first !== undefined && second !== undefined && first.frame === second.frame && first.origin === second.origin;
    if (sameFrame && first.origin === 'JSR' && first.kind === 'return-low' && second.kind === 'return-high') {
      // RTS returns to the pushed address + 1; the routine is the JSR's operand.
      const call = first.by;
      const target = peek(call) === JSR ? peek((call + 1) & 0xffff) | (peek((call + 2) & 0xffff) << 8) : undefined;
      const label = target === undefined ? undefined : reader.routineName(target);
      entries.push({ ...plain(slot), returnAddress: (word(slot) + 1) & 0xffff, label }, plain(slot + 1));
      slot += 2;
      continue;
    }
    const third = intact(slot + 2);
    if (sameFrame && first.kind === 'status' && second.kind === 'return-low' && third?.kind === 'return-high' && third.frame === first.frame) {
      // RTI returns to the pushed address itself.
      entries.push(plain(slot), { ...plain(slot + 1), returnAddress: word(slot + 1), label: first.origin === 'BRK' ? 'BRK' : 'interrupt' }, plain(slot + 2));
      slot += 3;
      continue;
    }
    entries.push(plain(slot));
    slot += 1;
  }
  return entries;
}
