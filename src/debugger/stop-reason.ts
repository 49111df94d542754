/**
 * Why a run stopped, in one sentence: the one formatter `moth run`'s summary, the debugger's commands and
 * the terminal debugger all use, so a stop reads the same wherever a learner meets it.
 */
import { INSTRUCTION_SET } from '../cpu/instruction-set.js';
import { VARIANTS, instructionOnAnotherVariant } from '../cpu/variants.js';
import { hex, hexWord } from '../shared/hex.js';
import { groupThousands } from '../shared/thousands.js';
import type { StopReason } from './events.js';

/** Names an address for a learner (`loop`, `loop+3`), or undefined to show the bare address. */
export type PlaceName = (address: number) => string | undefined;

/** One sentence on why the machine stopped, e.g. `Breakpoint 1 at $0603 loop`. */
export function describeStop(reason: StopReason, name: PlaceName = () => undefined): string {
  const place = (address: number): string => {
    const label = name(address);
    return label === undefined ? hexWord(address) : `${hexWord(address)} ${label}`;
  };
  switch (reason.kind) {
    case 'step': return 'Stepped';
    case 'breakpoint': return `Breakpoint ${reason.id} at ${place(reason.address)}`;
    case 'watchpoint':
      return reason.access === 'write'
        ? `Watchpoint ${reason.id}: ${hexWord(reason.address)} written, ${hex(reason.previous ?? 0)} → ${hex(reason.value)}`
        : `Watchpoint ${reason.id}: ${hexWord(reason.address)} read, ${hex(reason.value)}`;
    case 'run-to': return `Reached ${place(reason.address)}`;
    case 'paused': {
      const how = reason.signal === undefined ? 'Paused' : reason.signal === 'SIGINT' ? 'Interrupted' : `Interrupted by ${reason.signal}`;
      return reason.address === undefined ? how : `${how} with PC at ${place(reason.address)}`;
    }
    case 'brk': return `BRK at ${place(reason.address)}`;
    case 'undocumented': return `Undocumented opcode ${hex(reason.opcode)} at ${place(reason.address)}${laterChip(reason.opcode)}`;
    case 'stack':
      return reason.direction === 'overflow'
        ? `Stack overflow: a push at ${place(reason.address)} wrapped SP from $00 to $FF`
        : `Stack underflow: a pull at ${place(reason.address)} wrapped SP from $FF to $00`;
    case 'jam':
      return `The CPU jammed on opcode ${hex(reason.opcode)} at ${place(reason.address)}; only reset helps` +
        (INSTRUCTION_SET[reason.opcode & 0xff]!.opcodeClass === 'jam' ? laterChip(reason.opcode) : '');
    case 'trap': return `Trapped at ${place(reason.address)}: the instruction jumps to itself`;
    case 'exit':
      return `The program exited with exit code ${reason.code}` + (reason.address === undefined ? '' : ` (the store at ${place(reason.address)})`);
    case 'history-start': return 'Reached the oldest instruction the history holds';
    case 'input-ended': return `The input ended and the program went quiet, with PC at ${place(reason.address)}`;
    case 'limit':
      return `Max cycles reached (${groupThousands(reason.cycles)})` + (reason.address === undefined ? '' : ` with PC at ${place(reason.address)}`);
  }
}

/**
 * For an NMOS opcode that is an instruction on a later chip: `: PHX is a 65C02 instruction; run with --cpu 65c02`.
 * (Stops on a 65C02 happen only at its reserved opcodes, which no other chip documents, so this says nothing there.)
 */
function laterChip(opcode: number): string {
  const other = instructionOnAnotherVariant('6502', opcode);
  return other === undefined ? '' : `: ${other.mnemonic} is a ${VARIANTS[other.variant].title.replace(/^WDC /, '')} instruction; run with --cpu ${other.variant}`;
}
