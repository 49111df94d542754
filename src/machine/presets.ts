/** The named machines `--machine` chooses between. Both share one memory map; they differ in what they pay speed for. */
import { DEFAULT_LOAD_ADDRESS } from './memory-map.js';

export type PresetName = 'default' | 'easy6502';

export interface MachinePreset {
  readonly name: PresetName;
  readonly description: string;
  /** Where sources without `.org` go and binaries load unless `--load` says otherwise. */
  readonly defaultLoadAddress: number;
  /**
   * easy6502 writes a new random byte to $FE before every instruction; that needs the CPU's instrumented loop,
   * which costs speed. The default machine refreshes $FE only every {@link RANDOM_REFRESH_CYCLES} cycles.
   */
  readonly randomEveryInstruction: boolean;
}

/**
 * How often the default machine refreshes the random byte at $FE, in CPU cycles. The refresh is a scheduled
 * event like the timer, tied to the cycle count rather than to how a caller slices its runs, so a debugger
 * replaying from a snapshot sees the same bytes; 4,096 cycles keeps the slices long enough to cost nothing.
 */
export const RANDOM_REFRESH_CYCLES = 4096;

export const PRESETS: Readonly<Record<PresetName, MachinePreset>> = {
  default: {
    name: 'default',
    description: 'full speed; console, timer and exit port on page $F0; easy6502 display and inputs, random byte refreshed every 4,096 cycles',
    defaultLoadAddress: DEFAULT_LOAD_ADDRESS,
    randomEveryInstruction: false,
  },
  easy6502: {
    name: 'easy6502',
    description: 'like default, but $FE holds a fresh random byte before every instruction, as on easy6502 (slower)',
    defaultLoadAddress: DEFAULT_LOAD_ADDRESS,
    randomEveryInstruction: true,
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
