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
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `file:line:column`, the form editors and terminals recognise as a link. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/**
 * The name an included file goes by: its path joined to the including file's folder, the way the CLI's
 * resolver finds it, so nested includes in subfolders resolve and messages name the file as the user sees it.
 * Pure string work: the assembler itself never asks a file system.
 */
export function includedFileName(fromFile: string, path: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return path;
  const slash = Math.max(fromFile.lastIndexOf('/'), fromFile.lastIndexOf('\\'));
  if (slash < 0) return normalizePath(path);
  return normalizePath(fromFile.slice(0, slash + 1) + path);
}

function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}
