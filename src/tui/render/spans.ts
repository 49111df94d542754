/** Styled text as plain data (spans with a style name), so formatters stay testable and only one function knows blessed's tags. */
import { DEFAULT_THEME, type Theme } from './theme.js';
import { trueColourSgr } from './true-colour.js';

/** What a piece of text means; the theme in {@link toTags} decides how that looks. */
export type Style =
  | 'plain'
  | 'dim'
  | 'title'
  | 'changed'
  | 'current'
  | 'breakpoint'
  | 'label'
  | 'written'
  | 'error'
  | 'accent'
  | 'selected';

/** A run of text in one style, or a half-block pixel pair (top colour as foreground, bottom as background). */
export type Span =
  | { readonly text: string; readonly style: Style }
  | { readonly text: string; readonly foreground: string; readonly background: string };

export type Line = readonly Span[];

export function span(text: string, style: Style = 'plain'): Span {
  return { text, style };
}

/** The text of a line with all styling dropped, as the screen shows it; tests read this. */
export function plainText(line: Line): string {
  return line.map((part) => part.text).join('');
}

/** Cuts or pads a line to exactly `width` columns (every character here is one column wide). */
export function fitLine(line: Line, width: number): Line {
  const fitted: Span[] = [];
  let used = 0;
  for (const part of line) {
    if (used >= width) break;
    const text = part.text.length + used > width ? part.text.slice(0, width - used) : part.text;
    fitted.push({ ...part, text });
    used += text.length;
  }
  return fitted;
}

/** Blessed treats `{` and `}` as tag delimiters; these are its escapes for literal braces. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
}

/** One line as blessed tag markup, in the colours (or the monochrome) of `theme`. */
export function toTags(line: Line, theme: Theme = DEFAULT_THEME): string {
  let markup = '';
  for (const part of line) {
    if ('style' in part) {
      const text = escapeTags(part.text);
      const open = theme.styles[part.style];
      markup += open === '' ? text : `${open}${text}{/}`;
    } else if (theme.depth === 'none') {
      // No colours: a pixel pair becomes a block by brightness (lit top, lit bottom, both or neither).
      markup += monochromePixels(part.text, part.foreground, part.background);
    } else if (theme.depth === 'true') {
      // The exact palette colours as 24-bit SGRs; the screen keeps them exact (true-colour.ts).
      markup += `${trueColourSgr(part.foreground, 'fg')}${trueColourSgr(part.background, 'bg')}${escapeTags(part.text)}{/}`;
    } else {
      markup += `{${theme.pixel(part.foreground)}-fg}{${theme.pixel(part.background)}-bg}${escapeTags(part.text)}{/}`;
    }
  }
  return markup;
}

/** The blocks a half-block pixel run shows without colour: lit pixels are the brighter half of the palette. */
function monochromePixels(text: string, top: string, bottom: string): string {
  const lit = (rgb: string): boolean => {
    const value = Number.parseInt(rgb.slice(1), 16);
    return ((value >> 16) & 0xff) * 0.3 + ((value >> 8) & 0xff) * 0.59 + (value & 0xff) * 0.11 >= 96;
  };
  const block = lit(top) ? (lit(bottom) ? '█' : '▀') : lit(bottom) ? '▄' : ' ';
  return block.repeat(text.length);
}
