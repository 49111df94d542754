/**
 * A machine as data: which CPU, what sits at each address (RAM, ROM images, mirrors, nothing, devices), how
 * devices are wired to IRQ and NMI, which device is the console and how it ends lines, and where the CPU
 * starts. Presets (presets.ts) and machine files (machine-file.ts) both produce one of these; machine.ts
 * builds a running computer from it.
 */
import type { ConsoleConventions } from './console-channel.js';

/** The CPU variants a machine may name: the CPU's own list (src/cpu/variants.ts). */
import type { CpuVariant } from '../cpu/variants.js';
export { CPU_VARIANTS, type CpuVariant } from '../cpu/variants.js';

/** Memory that is not a device. */
export type RegionDescription =
  | { readonly kind: 'ram'; readonly start: number; readonly end: number }
  /** Read-only: writes are ignored. Its bytes come from `image` (a file) or the program loaded there. */
  | { readonly kind: 'rom'; readonly start: number; readonly end: number; readonly image?: RomImage }
  /** The same bytes (or device) as `of`…, repeated to fill start–end (address lines left undecoded). */
  | { readonly kind: 'mirror'; readonly start: number; readonly end: number; readonly of: number }
  /** Nothing answers: a read gives the address's high byte (what an open bus holds after an absolute read), writes vanish. */
  | { readonly kind: 'unmapped'; readonly start: number; readonly end: number };

export interface RomImage {
  /** The file as the user named it, resolved against the machine file's folder. */
  readonly path: string;
  /** Where the machine file said it (for located errors about the file). */
  readonly where?: SourcePlace;
}

/** A place in a machine file, for errors found after parsing (a missing ROM image, an overlap). */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export const DEVICE_TYPES = [
  'console',
  'exit-port',
  'timer',
  'acia6551',
  'acia6850',
  'pia6821',
  'via6522',
  'hd44780',
  'interrupt-feedback',
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Where a device's interrupt output goes. */
export type InterruptWiring = 'irq' | 'nmi' | 'none';

export interface DeviceDescription {
  /** Unique in the machine; `console.device` and attachments refer to it. */
  readonly name: string;
  readonly type: DeviceType;
  /** First register address; devices with no registers (the LCD, on a VIA's port) have none. */
  readonly base: number | undefined;
  readonly interrupt: InterruptWiring;
  /** Type-specific settings (see docs/devices/), already checked by whoever built the description. */
  readonly options: DeviceOptions;
  readonly where?: SourcePlace;
}

/** Every device setting a machine file may give; each device reads the ones it knows. */
export interface DeviceOptions {
  /** 6551: the W65C51N's transmit-status bug (TDRE always reads 1), as on Ben Eater's board. */
  readonly wdcTransmitBug?: boolean;
  /** 6551, 6850: false makes the serial line a real one, where bytes the program is too slow for are lost (overrun). */
  readonly flowControl?: boolean;
  /** 6821: `apple1` wires port A to the keyboard and port B to the display. */
  readonly wiring?: 'apple1';
  /** HD44780: the VIA device it hangs on. */
  readonly via?: string;
  /** HD44780: `eater-4bit` (port B: D4–D7 on PB0–3, RS PB4, RW PB5, E PB6) or `eater-8bit` (D0–D7 on port B, E/RW/RS on PA7/PA6/PA5). */
  readonly bus?: 'eater-4bit' | 'eater-8bit';
  /** Interrupt feedback port: the bit of its register that drives IRQ and the one that drives NMI. */
  readonly irqBit?: number;
  readonly nmiBit?: number;
}

export type ResetRule =
  /** The chip's own rule: PC from $FFFC/$FFFD (a program may still override it with --start). */
  | { readonly kind: 'vector' }
  /** Start at a fixed address. */
  | { readonly kind: 'address'; readonly address: number };

export interface ConsoleDescription extends ConsoleConventions {
  /** The device whose serial line is stdin/stdout; undefined: the machine has no console. */
  readonly device: string | undefined;
  /**
   * Once stdin has ended and every byte was taken, stop the run after this many cycles without console
   * traffic (ROMs cannot see the end of input and would wait for ever); undefined: never.
   */
  readonly idleStopCycles: number | undefined;
}

export interface MachineDescription {
  readonly name: string;
  /** One line for `moth machines`. */
  readonly description: string;
  readonly cpu: CpuVariant;
  /** Later regions win where they overlap earlier ones; addresses no region covers are RAM. */
  readonly regions: readonly RegionDescription[];
  readonly devices: readonly DeviceDescription[];
  readonly console: ConsoleDescription;
  readonly reset: ResetRule;
  /** Where sources without `.org` go and binaries load unless `--load` says otherwise. */
  readonly defaultLoadAddress: number;
  /** easy6502's inputs: `$FE` random byte refreshed per instruction (`instruction`), every 4,096 cycles (`periodic`), or not at all. */
  readonly randomByte: 'instruction' | 'periodic' | 'none';
  /** Where the 32×32 display's 1,024 bytes start (plain RAM); undefined: the machine has none. */
  readonly display: number | undefined;
  /** The file the description came from (undefined for presets). */
  readonly file?: string;
}
