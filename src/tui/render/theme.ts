/**
 * How each style and each display colour looks on the terminal at hand: 256 colours or only 8 (tmux's default
 * TERM=screen, xterm, the Linux console), a dark or a light background, or no colour at all (NO_COLOR). Every
 * style stays readable on both backgrounds: nothing is drawn in grey on 8-colour terminals (blessed turns grey
 * into black there), and the easy6502 palette maps onto the fixed part of the 256-colour table, or is exact on
 * terminals that announce 24-bit colour (COLORTERM=truecolor or 24bit; see true-colour.ts).
 */
import { PALETTE } from '../../machine/devices/display.js';
import type { Style } from './spans.js';

/** Environment variables as a plain record (the web face compiles this file too, without Node's types). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** `true`: 256-colour styles, display pixels in exact 24-bit colour. */
export type ColourDepth = 'none' | 'eight' | 'full' | 'true';
export type Background = 'dark' | 'light';

export interface Theme {
  readonly depth: ColourDepth;
  readonly background: Background;
  /** The blessed tags that open each style (closed with `{/}`). */
  readonly styles: Readonly<Record<Style, string>>;
  /** A display colour (`#rrggbb` from the easy6502 palette) as a blessed colour: a name or a 256-colour index. */
  readonly pixel: (rgb: string) => string;
  /** Border colour of overlays. */
  readonly overlay: { readonly border: { readonly fg?: string } };
}

/** Which theme a terminal gets: NO_COLOR wins, then the colour count terminfo reports for TERM. */
export function themeFor(env: Environment, terminalColours: number): Theme {
  const background = backgroundOf(env);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return theme('none', background);
  const trueColour = env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit';
  if (terminalColours >= 256) return theme(trueColour ? 'true' : 'full', background);
  if (terminalColours >= 8) return theme('eight', background);
  return theme('none', background);
}

/**
 * MOTH_BACKGROUND=light|dark says it outright; otherwise COLORFGBG (set by xterm, rxvt, Konsole: `fg;bg`, a
 * background of 7 or 15 is light); otherwise dark, what most terminals start with.
 */
export function backgroundOf(env: Environment): Background {
  const told = env.MOTH_BACKGROUND?.toLowerCase();
  if (told === 'light' || told === 'dark') return told;
  const background = env.COLORFGBG?.split(';').pop();
  return background === '7' || background === '15' ? 'light' : 'dark';
}

/** Styles that carry their own background (black on a colour) read the same on any terminal background. */
const SHARED: Readonly<Partial<Record<Style, string>>> = {
  plain: '',
  title: '{black-fg}{cyan-bg}',
  current: '{black-fg}{green-bg}',
  written: '{black-fg}{yellow-bg}',
  selected: '{inverse}',
  breakpoint: '{red-fg}{bold}',
  error: '{red-fg}{bold}',
};

const FOREGROUNDS: Readonly<Record<Exclude<ColourDepth, 'none' | 'true'>, Readonly<Record<Background, Readonly<Record<'dim' | 'changed' | 'label' | 'accent', string>>>>>> = {
  // 256 colours: fixed indexes from the colour cube and the grey ramp, which no terminal theme redefines.
  full: {
    dark: { dim: '{246-fg}', changed: '{220-fg}{bold}', label: '{80-fg}', accent: '{114-fg}' },
    light: { dim: '{242-fg}', changed: '{127-fg}{bold}', label: '{25-fg}', accent: '{28-fg}' },
  },
  // 8 colours: grey does not exist (blessed would send black), so secondary text is the terminal's own colour.
  eight: {
    dark: { dim: '', changed: '{yellow-fg}{bold}', label: '{cyan-fg}', accent: '{green-fg}' },
    light: { dim: '', changed: '{magenta-fg}{bold}', label: '{blue-fg}', accent: '{green-fg}' },
  },
};

const MONOCHROME: Readonly<Record<Style, string>> = {
  plain: '',
  dim: '',
  title: '{inverse}',
  changed: '{bold}{underline}',
  current: '{inverse}',
  breakpoint: '{bold}',
  label: '',
  written: '{underline}',
  error: '{bold}',
  accent: '{bold}',
  selected: '{inverse}',
};

/**
 * The sixteen easy6502 colours on an 8-colour terminal, by hue rather than by blessed's nearest match (which
 * turns orange into red and the greys into black).
 */
const EIGHT_COLOUR_PIXELS: Readonly<Record<string, string>> = {
  black: 'black',
  white: 'white',
  red: 'red',
  cyan: 'cyan',
  purple: 'magenta',
  green: 'green',
  blue: 'blue',
  yellow: 'yellow',
  orange: 'yellow',
  brown: 'red',
  'light red': 'magenta',
  'dark grey': 'blue',
  grey: 'white',
  'light green': 'green',
  'light blue': 'cyan',
  'light grey': 'white',
};

const PIXEL_NAME = new Map(PALETTE.map((colour) => [colour.rgb, colour.name]));

function theme(depth: ColourDepth, background: Background): Theme {
  if (depth === 'none') return { depth, background, styles: MONOCHROME, pixel: () => 'default', overlay: { border: {} } };
  const styleDepth = depth === 'true' ? 'full' : depth;
  const styles = { ...SHARED, ...FOREGROUNDS[styleDepth][background] } as Record<Style, string>;
  // On a truecolor theme `pixel` is still what blessed gets for cells it cannot take exactly; spans.ts writes the exact colour.
  const pixel = styleDepth === 'full' ? (rgb: string) => String(nearestFixedColour(rgb)) : (rgb: string) => EIGHT_COLOUR_PIXELS[PIXEL_NAME.get(rgb) ?? ''] ?? 'white';
  return { depth, background, styles, pixel, overlay: { border: { fg: styleDepth === 'full' ? (background === 'dark' ? '80' : '25') : background === 'dark' ? 'cyan' : 'blue' } } };
}

/** What tests and callers without a terminal get: 256 colours on a dark background. */
export const DEFAULT_THEME: Theme = theme('full', 'dark');

/** The xterm colour cube's six levels per channel (indexes 16–231); the grey ramp is 232–255 (8, 18, … 238). */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

/**
 * The 256-colour index nearest to `#rrggbb` among 16–255, the part of the table every terminal defines the
 * same way (0–15 follow the user's theme, so a match there would show a different colour on each terminal).
 */
export function nearestFixedColour(rgb: string): number {
  const value = Number.parseInt(rgb.slice(1), 16);
  const channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  let best = 16;
  let bestDistance = Infinity;
  const consider = (index: number, colour: readonly number[]): void => {
    const distance = colour.reduce((total, channel, at) => total + (channel - channels[at]!) ** 2, 0);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = index;
    }
  };
  for (let index = 16; index < 232; index++) {
    const cube = index - 16;
    consider(index, [CUBE_LEVELS[Math.floor(cube / 36)]!, CUBE_LEVELS[Math.floor(cube / 6) % 6]!, CUBE_LEVELS[cube % 6]!]);
  }
  for (let index = 232; index < 256; index++) {
    const grey = 8 + (index - 232) * 10;
    consider(index, [grey, grey, grey]);
  }
  return best;
}
