/** `moth machines`: every preset `--machine` accepts, with its one-line description. */
import { PRESET_NAMES, PRESETS } from '../../machine/presets.js';

export function machinesCommand(): string {
  const width = Math.max(...PRESET_NAMES.map((name) => name.length));
  const rows = PRESET_NAMES.map((name) => `${name.padEnd(width)}  ${PRESETS[name].description}`);
  return `${rows.join('\n')}\n\nOr give --machine the path of a machine file (docs/machine.md).\n`;
}
