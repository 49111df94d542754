/** Styled text as plain data (spans with a style name), so formatters stay testable and only one function knows blessed's tags. */

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

const OPEN: Readonly<Record<Style, string>> = {
  plain: '',
  dim: '{gray-fg}',
  title: '{black-fg}{cyan-bg}',
  changed: '{yellow-fg}{bold}',
  current: '{black-fg}{green-bg}',
  breakpoint: '{red-fg}{bold}',
  label: '{cyan-fg}',
  written: '{black-fg}{yellow-bg}',
  error: '{red-fg}{bold}',
  accent: '{green-fg}',
  selected: '{black-fg}{white-bg}',
};

/** Blessed treats `{` and `}` as tag delimiters; these are its escapes for literal braces. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
}

/** One line as blessed tag markup. */
export function toTags(line: Line): string {
  let markup = '';
  for (const part of line) {
    const text = escapeTags(part.text);
    if ('style' in part) {
      const open = OPEN[part.style];
      markup += open === '' ? text : `${open}${text}{/}`;
    } else {
      markup += `{${part.foreground}-fg}{${part.background}-bg}${text}{/}`;
    }
  }
  return markup;
}
