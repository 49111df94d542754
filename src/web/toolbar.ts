/**
 * The toolbar's contents: a button per debugger action a learner reaches for (with its key from the shared
 * key table), and the speed, machine and text size menus. The app wires what they do.
 */
import { PRESETS, PRESET_NAMES } from '../machine/presets.js';
import { KEYMAP, type Action } from '../tui/keymap.js';
import { formatMhz } from '../tui/views/status.js';

/** The buttons, in the order a learner reaches for them. */
const BUTTONS: readonly { readonly action: Action | 'assemble'; readonly text: string }[] = [
  { action: 'assemble', text: 'Assemble & run' },
  { action: 'stepInto', text: 'Step' },
  { action: 'stepOver', text: 'Over' },
  { action: 'stepOut', text: 'Out' },
  { action: 'stepBack', text: 'Back' },
  { action: 'reverseContinue', text: 'Reverse' },
  { action: 'continue', text: 'Run' },
  { action: 'reset', text: 'Reset' },
];
/** Speeds the speed menu offers, in MHz (undefined: as fast as possible). */
const SPEEDS: readonly (number | undefined)[] = [undefined, 64, 8, 1, 0.25, 0.01, 0.001];
/** Text sizes the size menu offers, in percent of the page's own (a projector at the back of a room wants 200). */
export const TEXT_SIZES: readonly number[] = [100, 125, 150, 175, 200, 250];

export interface ToolbarElements {
  readonly buttons: HTMLElement;
  readonly speed: HTMLSelectElement;
  readonly machine: HTMLSelectElement;
  readonly textSize: HTMLSelectElement;
}

/** Fills the toolbar; `press` is called with a button's action. */
export function fillToolbar(elements: ToolbarElements, press: (action: Action | 'assemble') => void): void {
  for (const { action, text } of BUTTONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['action'] = action;
    const binding = KEYMAP.find((candidate) => candidate.action === action);
    button.append(text, ' ');
    const hint = document.createElement('kbd');
    hint.textContent = action === 'assemble' ? 'C-Enter' : binding?.label ?? '';
    button.append(hint);
    button.title = action === 'assemble' ? 'assemble the editor text and run it' : binding?.description ?? '';
    button.addEventListener('click', () => press(action));
    elements.buttons.append(button);
  }
  for (const mhz of SPEEDS) elements.speed.append(new Option(mhz === undefined ? 'max' : formatMhz(mhz), mhz === undefined ? 'max' : String(mhz)));
  for (const name of PRESET_NAMES) {
    const option = new Option(name, name);
    option.title = PRESETS[name].description;
    elements.machine.append(option);
  }
  for (const percent of TEXT_SIZES) elements.textSize.append(new Option(`${percent}%`, String(percent)));
}
