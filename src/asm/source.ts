/** Source positions shared by diagnostics, the debug map and the listing: file, 1-based line and column. */

export interface SourceLocation {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column (a tab counts as one column). */
  readonly column: number;
}

/** Splits source text into lines, accepting \n, \r\n and lone \r endings. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[index] = line.slice(0, -1);
  }
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `file:line:column`, the form editors and terminals recognise as a link. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
