/**
 * What a learner should know about an address that is not plain RAM on moth's machine — the device
 * registers, the display, the easy6502 input bytes and the vectors — in a few words, for the debugger's
 * explanations. It lives beside the memory map because it describes the machine, not the CPU.
 */
import type { MemoryAccess } from '../cpu/instruction-set.js';
import { hex } from '../shared/hex.js';
import { DISPLAY_WIDTH, PALETTE } from './devices/display.js';
import {
  CONSOLE_IN,
  CONSOLE_OUT,
  CONSOLE_STATUS,
  DISPLAY_END,
  DISPLAY_START,
  EXIT_PORT,
  LAST_KEY,
  NMI_VECTOR,
  RANDOM_BYTE,
  TIMER_CONTROL,
  TIMER_PERIOD_LOW,
  TIMER_STATUS,
} from './memory-map.js';

const TIMER_REGISTERS = ['period, low byte', 'period, high byte', 'control', 'status'];
const VECTORS = ['NMI vector, low byte', 'NMI vector, high byte', 'RESET vector, low byte', 'RESET vector, high byte', 'IRQ/BRK vector, low byte', 'IRQ/BRK vector, high byte'];

/**
 * What a learner should know about an address that is not plain RAM on moth's machine: the devices, the
 * display, the easy6502 input bytes and the vectors. Undefined for ordinary memory. Only words are built
 * here; nothing is read, so explaining never disturbs a device.
 */
export function addressNote(address: number, access: MemoryAccess, value: number | undefined): string | undefined {
  const writes = access !== 'read';
  if (address === CONSOLE_OUT && writes) return value === undefined ? 'console out: prints a byte' : `console out: prints ${printable(value)}`;
  if (address === CONSOLE_OUT) return 'console out';
  if (address === CONSOLE_IN) return writes ? 'console in' : 'console in: takes the next input byte, $00 when none is waiting';
  if (address === CONSOLE_STATUS) return 'console status: bit 0 = input waiting, bit 7 = input ended';
  if (address === EXIT_PORT && writes) return value === undefined ? 'exit port: the run ends' : `exit port: the run ends with exit code ${value}`;
  if (address === EXIT_PORT) return 'exit port';
  if (address >= TIMER_PERIOD_LOW && address <= TIMER_STATUS) {
    const name = TIMER_REGISTERS[address - TIMER_PERIOD_LOW]!;
    if (address === TIMER_STATUS && writes) return 'timer status: acknowledges the timer, releasing IRQ';
    if (address === TIMER_CONTROL && writes && value !== undefined) {
      const running = value & 0x01 ? 'runs' : 'stops';
      return `timer control: the timer ${running}${value & 0x02 ? ' and may raise IRQ' : ''}`;
    }
    return `timer ${name}`;
  }
  if (address >= NMI_VECTOR) return VECTORS[address - NMI_VECTOR];
  if (address >= DISPLAY_START && address <= DISPLAY_END) {
    const offset = address - DISPLAY_START;
    const pixel = `display pixel ${offset % DISPLAY_WIDTH},${Math.floor(offset / DISPLAY_WIDTH)}`;
    return writes && value !== undefined ? `${pixel} → ${PALETTE[value & 0x0f]!.name}` : pixel;
  }
  if (address === RANDOM_BYTE && !writes) return 'random byte';
  if (address === LAST_KEY && !writes) return 'last key pressed';
  return undefined;
}

/** `"H"` for printable ASCII, `a new line` for $0A, the hex value otherwise. */
function printable(value: number): string {
  if (value === 0x0a) return 'a new line';
  if (value >= 0x20 && value < 0x7f) return `"${String.fromCharCode(value)}"`;
  return `the byte ${hex(value)}`;
}
