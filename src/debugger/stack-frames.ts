/**
 * Reads the used part of the stack as the pushes that made it: from the top (SP+1) down to $01FF, a JSR's
 * two-byte return address, a BRK's or an interrupt's three bytes (status, then the address RTI goes back to),
 * or one plain byte. A frame is taken only where its bytes are exactly what such a push leaves (a JSR, or a
 * BRK, at a known instruction start just before the address), and its bytes are never read again as the
 * start of another frame, so the high byte of one return address is never shown as the low byte of the next.
 */
import type { StackEntry } from './session-types.js';

const JSR = 0x20;
const BRK = 0x00;
/** Bit 5 is set in every status byte the CPU pushes; bit 4 (B) is set by BRK and PHP, clear for IRQ/NMI. */
const PUSHED_STATUS = 0x20;
const BREAK_FLAG = 0x10;

export interface StackReader {
  /** A byte without side effects. */
  readonly peek: (address: number) => number;
  /** True/false when the debug map knows whether an instruction starts here; undefined without a debug map. */
  readonly isInstructionStart: (address: number) => boolean | undefined;
  /** The routine a call went to, by label. */
  readonly routineName: (address: number) => string | undefined;
}

/** The stack above `sp`, top first; `returnAddress` marks the first byte of each frame. */
export function readStack(sp: number, reader: StackReader): StackEntry[] {
  const { peek } = reader;
  const entries: StackEntry[] = [];
  const plain = (slot: number): StackEntry => ({ address: 0x0100 + slot, value: peek(0x0100 + slot), returnAddress: undefined, label: undefined });
  const word = (slot: number): number => peek(0x0100 + slot) | (peek(0x0100 + slot + 1) << 8);
  let slot = sp + 1;
  while (slot <= 0xff) {
    // A JSR at word - 2 pushed word (its own address + 2); RTS returns to word + 1.
    if (slot + 1 <= 0xff) {
      const pushed = word(slot);
      const jsr = (pushed - 2) & 0xffff;
      if (peek(jsr) === JSR && reader.isInstructionStart(jsr) !== false) {
        const target = peek((jsr + 1) & 0xffff) | (peek((jsr + 2) & 0xffff) << 8);
        entries.push({ ...plain(slot), returnAddress: (pushed + 1) & 0xffff, label: reader.routineName(target) }, plain(slot + 1));
        slot += 2;
        continue;
      }
    }
    // BRK and interrupts push the address RTI returns to, then the status byte (lowest on the stack).
    if (slot + 2 <= 0xff && (peek(0x0100 + slot) & PUSHED_STATUS) !== 0) {
      const status = peek(0x0100 + slot);
      const back = word(slot + 1);
      const isBrk = (status & BREAK_FLAG) !== 0 && peek((back - 2) & 0xffff) === BRK && reader.isInstructionStart((back - 2) & 0xffff) === true;
      const isInterrupt = (status & BREAK_FLAG) === 0 && reader.isInstructionStart(back) === true;
      if (isBrk || isInterrupt) {
        entries.push(plain(slot), { ...plain(slot + 1), returnAddress: back, label: isBrk ? 'BRK' : 'interrupt' }, plain(slot + 2));
        slot += 3;
        continue;
      }
    }
    entries.push(plain(slot));
    slot += 1;
  }
  return entries;
}
