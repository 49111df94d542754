/**
 * The browser's keys in the terminal debugger's names (`f5`, `S-f11`, `C-l`, `U`), so the web face dispatches
 * from the very same key table as the TUI (src/tui/keymap.ts) instead of a copy of it.
 */
import { actionFor, type Action } from '../tui/keymap.js';

/** KeyboardEvent.key → blessed's name for the keys whose names differ. */
const NAMES: Readonly<Record<string, string>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  PageUp: 'pageup',
  PageDown: 'pagedown',
  Backspace: 'backspace',
  Escape: 'escape',
  Enter: 'enter',
  Tab: 'tab',
  Home: 'home',
  End: 'end',
};

/** `S-f11`, `C-l`, `f5`, `up`: the name blessed gives the same key press in `key.full`. */
export function blessedKeyName(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>): string {
  const key = event.key;
  const base = /^F\d{1,2}$/.test(key) ? key.toLowerCase() : (NAMES[key] ?? (key.length === 1 ? key.toLowerCase() : key));
  const printable = key.length === 1;
  let name = base;
  // Shift is part of a printable character already (`U`, `?`); blessed adds `S-` only to other keys.
  if (event.shiftKey && !printable) name = `S-${name}`;
  if (event.altKey || event.metaKey) name = `M-${name}`;
  if (event.ctrlKey) name = `C-${name}`;
  return name;
}

/**
 * The debugger action for a key press, or undefined. `typing`: the focus is in a text field (the editor, an
 * input), where printable keys, arrows and Ctrl chords belong to the text; only function keys act there.
 */
export function webAction(event: KeyboardEvent, typing: boolean): Action | undefined {
  const full = blessedKeyName(event);
  const char = event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey ? event.key : undefined;
  if (typing && !/^(S-)?f\d+$/.test(full)) return undefined;
  return actionFor(full, char);
}
