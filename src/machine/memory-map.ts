/**
 * Where everything lives in the 64 KiB address space of moth's own machine (the `default` and `easy6502`
 * presets). Everything is plain RAM except one page, $F000–$F0FF, which holds every device with side
 * effects, so the CPU hooks only that page and keeps RAM on its fast path. docs/machine.md has the same map
 * as a table; other machines are described in presets.ts and machine files.
 */
import { Vector } from '../cpu/interrupts.js';
import { CONSOLE_IN_OFFSET, CONSOLE_OUT_OFFSET, CONSOLE_STATUS_OFFSET } from './devices/console.js';
import { TIMER_CONTROL_OFFSET, TIMER_PERIOD_HIGH_OFFSET, TIMER_PERIOD_LOW_OFFSET, TIMER_STATUS_OFFSET } from './devices/timer.js';

// Page 0 ($0000–$00FF): fast addressing modes; easy6502 keeps two input bytes at its top.
/** easy6502's random byte: a fresh value appears here while the program runs. */
export const RANDOM_BYTE = 0x00fe;
/** easy6502's last-key byte: the host writes the ASCII code of the last key pressed. */
export const LAST_KEY = 0x00ff;
// Page 1 ($0100–$01FF): the hardware stack.
/** easy6502's 32×32 display, one byte per pixel, row by row: plain RAM the views read. */
export const DISPLAY_START = 0x0200;
export const DISPLAY_END = 0x05ff;
/** Where sources without `.org` are assembled and binaries are loaded unless told otherwise (easy6502's choice). */
export const DEFAULT_LOAD_ADDRESS = 0x0600;

// Page $F0 ($F000–$F0FF): the devices.
/** The console device's base. */
export const CONSOLE_BASE = 0xf001;
/** Console: a write prints the byte (py65's address, so its examples work). */
export const CONSOLE_OUT = CONSOLE_BASE + CONSOLE_OUT_OFFSET;
/** Console: a read takes the next input byte, or $00 when none is waiting (py65's address). */
export const CONSOLE_IN = CONSOLE_BASE + CONSOLE_IN_OFFSET;
/** Console status: bit 0 set while an input byte is waiting, bit 7 set once the input has ended. */
export const CONSOLE_STATUS = CONSOLE_BASE + CONSOLE_STATUS_OFFSET;
/** Exit port: a write stops the run, and the value written becomes the exit code. */
export const EXIT_PORT = 0xf00f;
/** The timer's base. */
export const TIMER_BASE = 0xf010;
/** Timer period in cycles, low and high byte ($0000 means 65,536). */
export const TIMER_PERIOD_LOW = TIMER_BASE + TIMER_PERIOD_LOW_OFFSET;
export const TIMER_PERIOD_HIGH = TIMER_BASE + TIMER_PERIOD_HIGH_OFFSET;
/** Timer control: bit 0 runs the timer, bit 1 lets it raise IRQ. A write restarts the count. */
export const TIMER_CONTROL = TIMER_BASE + TIMER_CONTROL_OFFSET;
/** Timer status: bit 7 set when the period has elapsed; any write acknowledges it and releases IRQ. */
export const TIMER_STATUS = TIMER_BASE + TIMER_STATUS_OFFSET;

/** The CPU's vectors (cpu/interrupts.ts), plain RAM at the top of memory. */
export const NMI_VECTOR = Vector.Nmi;
export const RESET_VECTOR = Vector.Reset;
export const IRQ_VECTOR = Vector.Irq;

/** One row of the memory map, for documentation, `moth run --help` and the debugger's memory view. */
export interface MemoryRegion {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly description: string;
}

export const MEMORY_MAP: readonly MemoryRegion[] = [
  { start: 0x0000, end: 0x00fd, name: 'zero page', description: 'RAM with the short addressing modes' },
  { start: RANDOM_BYTE, end: RANDOM_BYTE, name: 'random', description: 'a fresh random byte (easy6502)' },
  { start: LAST_KEY, end: LAST_KEY, name: 'last key', description: 'ASCII code of the last key pressed (easy6502)' },
  { start: 0x0100, end: 0x01ff, name: 'stack', description: 'the hardware stack' },
  { start: DISPLAY_START, end: DISPLAY_END, name: 'display', description: '32×32 pixels, one byte each, 16 colours (easy6502)' },
  { start: DEFAULT_LOAD_ADDRESS, end: 0xefff, name: 'RAM', description: 'programs load at $0600 by default' },
  { start: CONSOLE_OUT, end: CONSOLE_OUT, name: 'console out', description: 'write a byte to print it' },
  { start: CONSOLE_IN, end: CONSOLE_IN, name: 'console in', description: 'read the next input byte ($00 when none)' },
  { start: CONSOLE_STATUS, end: CONSOLE_STATUS, name: 'console status', description: 'bit 0: input waiting, bit 7: input ended' },
  { start: EXIT_PORT, end: EXIT_PORT, name: 'exit port', description: 'write the exit code to stop the run' },
  { start: TIMER_PERIOD_LOW, end: TIMER_STATUS, name: 'timer', description: 'period, control and status of the cycle timer' },
  { start: 0xf100, end: 0xfff9, name: 'RAM', description: 'more RAM' },
  { start: NMI_VECTOR, end: 0xffff, name: 'vectors', description: 'NMI, RESET and IRQ/BRK addresses (RAM)' },
];
