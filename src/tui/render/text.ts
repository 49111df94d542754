/** Plain-text helpers for panes: tab expansion and word wrapping, so every character is one terminal column. */

/** Replaces tabs with spaces up to the next multiple of `tabWidth`, as editors show assembly. */
export function expandTabs(text: string, tabWidth = 8): string {
  if (!text.includes('\t')) return text;
  let result = '';
  for (const char of text) {
    if (char === '\t') result += ' '.repeat(tabWidth - (result.length % tabWidth));
    else result += char;
  }
  return result;
}

/** Wraps text at spaces to at most `width` columns; words longer than a line are cut. Keeps blank lines. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  if (width <= 0) return lines;
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let rest = word;
      while (rest.length > width) {
        if (line !== '') {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      if (line === '') line = rest;
      else if (line.length + 1 + rest.length <= width) line += ' ' + rest;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}
