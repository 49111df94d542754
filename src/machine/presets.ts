/**
 * The named machines `--machine` chooses between, as data. `default` and `easy6502` are moth's own teaching
 * machine (RAM everywhere but one device page); `apple1`, `eater` and `sbc` are real designs that run their
 * ROMs unchanged. A machine file (machine-file.ts) describes any other.
 */
import type { DeviceDescription, MachineDescription, RegionDescription } from './description.js';
import { LF_CONVENTIONS } from './console-channel.js';
import {
  CONSOLE_BASE,
  DEFAULT_LOAD_ADDRESS,
  DISPLAY_START,
  EXIT_PORT,
  TIMER_BASE,
} from './memory-map.js';

export type PresetName = 'default' | 'easy6502' | 'apple1' | 'eater' | 'sbc';

/** A machine named by a preset. */
export type MachinePreset = MachineDescription;

/**
 * How often the default machine refreshes the random byte at $FE, in CPU cycles. The refresh is a scheduled
 * event like the timer, tied to the cycle count rather than to how a caller slices its runs, so a debugger
 * replaying from a snapshot sees the same bytes; 4,096 cycles keeps the slices long enough to cost nothing.
 */
export const RANDOM_REFRESH_CYCLES = 4096;

/**
 * Cycles without console traffic after stdin has ended before a ROM machine's run stops: ten seconds of a
 * 1 MHz chip, well under a second for moth, and long enough for a BASIC line to finish printing.
 */
export const IDLE_STOP_CYCLES = 10_000_000;

function device(name: string, type: DeviceDescription['type'], base: number | undefined, rest: Partial<DeviceDescription> = {}): DeviceDescription {
  return { name, type, base, interrupt: 'none', options: {}, ...rest };
}

/** moth's device page: console, exit port and the IRQ timer. */
const MOTH_DEVICES: readonly DeviceDescription[] = [
  device('console', 'console', CONSOLE_BASE),
  device('exit', 'exit-port', EXIT_PORT),
  device('timer', 'timer', TIMER_BASE, { interrupt: 'irq' }),
];

const mothMachine = {
  cpu: '6502',
  regions: [] as readonly RegionDescription[],
  devices: MOTH_DEVICES,
  console: { device: 'console', ...LF_CONVENTIONS, idleStopCycles: undefined },
  reset: { kind: 'vector' },
  defaultLoadAddress: DEFAULT_LOAD_ADDRESS,
  display: DISPLAY_START,
} as const;

/** A ROM machine's console: CR line ends, and the run stops once stdin has ended and the ROM went quiet. */
const crConsole = (deviceName: string, extra: { uppercaseInput?: boolean; stripOutputBit7?: boolean } = {}) => ({
  device: deviceName,
  newline: 'cr' as const,
  uppercaseInput: extra.uppercaseInput ?? false,
  stripOutputBit7: extra.stripOutputBit7 ?? false,
  idleStopCycles: IDLE_STOP_CYCLES,
});

export const PRESETS: Readonly<Record<PresetName, MachinePreset>> = {
  default: {
    ...mothMachine,
    name: 'default',
    description: 'full speed; console, timer and exit port on page $F0; easy6502 display and inputs, random byte refreshed every 4,096 cycles',
    randomByte: 'periodic',
  },
  easy6502: {
    ...mothMachine,
    name: 'easy6502',
    description: 'like default, but $FE holds a fresh random byte before every instruction, as on easy6502 (slower)',
    randomByte: 'instruction',
  },
  apple1: {
    name: 'apple1',
    description: 'Apple-1: 6502, 32 KiB RAM + 4 KiB at $E000, 6821 PIA keyboard/display at $D010, your Wozmon ROM at $FF00',
    cpu: '6502',
    regions: [
      { kind: 'ram', start: 0x0000, end: 0x7fff },
      { kind: 'unmapped', start: 0x8000, end: 0xdfff },
      { kind: 'ram', start: 0xe000, end: 0xefff },
      { kind: 'unmapped', start: 0xf000, end: 0xfeff },
      { kind: 'rom', start: 0xff00, end: 0xffff },
    ],
    devices: [device('pia', 'pia6821', 0xd010, { options: { wiring: 'apple1' } })],
    console: crConsole('pia', { uppercaseInput: true, stripOutputBit7: true }),
    reset: { kind: 'vector' },
    defaultLoadAddress: 0xff00,
    randomByte: 'none',
    display: undefined,
  },
  eater: {
    name: 'eater',
    description: "Ben Eater's breadboard computer: W65C02S, RAM $0000-$3FFF, 6551 ACIA at $5000, 6522 VIA at $6000 with a 16×2 LCD, 32 KiB ROM at $8000",
    cpu: '65c02',
    regions: [
      { kind: 'ram', start: 0x0000, end: 0x3fff },
      { kind: 'unmapped', start: 0x4000, end: 0x7fff },
      // The address decoder selects the ACIA for all of $5000-$5FFF and the VIA for $6000-$7FFF.
      { kind: 'mirror', start: 0x5004, end: 0x5fff, of: 0x5000 },
      { kind: 'mirror', start: 0x6010, end: 0x7fff, of: 0x6000 },
      { kind: 'rom', start: 0x8000, end: 0xffff },
    ],
    devices: [
      device('acia', 'acia6551', 0x5000, { interrupt: 'irq', options: { wdcTransmitBug: true } }),
      device('via', 'via6522', 0x6000, { interrupt: 'irq' }),
      device('lcd', 'hd44780', undefined, { options: { via: 'via', bus: 'eater-4bit' } }),
    ],
    console: crConsole('acia'),
    reset: { kind: 'vector' },
    defaultLoadAddress: 0x8000,
    randomByte: 'none',
    display: undefined,
  },
  sbc: {
    name: 'sbc',
    description: 'a generic single-board computer: 6502, RAM $0000-$7FFF, 6850 ACIA at $A000 (IRQ), 16 KiB ROM at $C000',
    cpu: '6502',
    regions: [
      { kind: 'ram', start: 0x0000, end: 0x7fff },
      { kind: 'unmapped', start: 0x8000, end: 0xbfff },
      { kind: 'mirror', start: 0xa002, end: 0xbfff, of: 0xa000 },
      { kind: 'rom', start: 0xc000, end: 0xffff },
    ],
    devices: [device('acia', 'acia6850', 0xa000, { interrupt: 'irq' })],
    console: crConsole('acia'),
    reset: { kind: 'vector' },
    defaultLoadAddress: 0xc000,
    randomByte: 'none',
    display: undefined,
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
