// Reads tmux's `capture-pane -e` output (text with SGR colour sequences) into cells, so tests can check that what the debugger draws is visible.

/** A colour as tmux reports it: `default`, a basic colour 0–7, a bright one 8–15, or a 256-colour index. */
export type Colour = 'default' | number;

export interface Cell {
  readonly char: string;
  readonly foreground: Colour;
  readonly background: Colour;
  readonly inverse: boolean;
}

/** One row of cells per screen line. */
export function screenCells(styled: string): Cell[][] {
  return styled.split('\n').map(rowCells);
}

function rowCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let foreground: Colour = 'default';
  let background: Colour = 'default';
  let inverse = false;
  let index = 0;
  while (index < line.length) {
    const escape = /^\x1b\[([\d;:]*)m/.exec(line.slice(index));
    if (escape !== null) {
      const codes = escape[1] === '' ? [0] : escape[1]!.split(/[;:]/).map(Number);
      for (let at = 0; at < codes.length; at++) {
        const code = codes[at]!;
        if (code === 0) [foreground, background, inverse] = ['default', 'default', false];
        else if (code === 7) inverse = true;
        else if (code === 27) inverse = false;
        else if (code >= 30 && code <= 37) foreground = code - 30;
        else if (code >= 90 && code <= 97) foreground = code - 90 + 8;
        else if (code === 39) foreground = 'default';
        else if (code >= 40 && code <= 47) background = code - 40;
        else if (code >= 100 && code <= 107) background = code - 100 + 8;
        else if (code === 49) background = 'default';
        else if ((code === 38 || code === 48) && codes[at + 1] === 5) {
          if (code === 38) foreground = codes[at + 2]!;
          else background = codes[at + 2]!;
          at += 2;
        }
      }
      index += escape[0].length;
      continue;
    }
    const other = /^\x1b[^a-zA-Z]*[a-zA-Z]/.exec(line.slice(index));
    if (other !== null) {
      index += other[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(index)!);
    cells.push({ char, foreground, background, inverse });
    index += char.length;
  }
  return cells;
}

/**
 * Cells whose text cannot be read on a terminal with a `background` background: the same colour in front and
 * behind, black text on the dark default, white/yellow text on the light default.
 */
export function unreadableCells(rows: readonly (readonly Cell[])[], background: 'dark' | 'light'): { row: number; column: number; cell: Cell }[] {
  const found: { row: number; column: number; cell: Cell }[] = [];
  rows.forEach((cells, row) => {
    cells.forEach((cell, column) => {
      if (cell.char === ' ' || /[▀▄█]/.test(cell.char)) return; // pixels are colours, not text
      const front = cell.inverse ? cell.background : cell.foreground;
      const back = cell.inverse ? cell.foreground : cell.background;
      const invisible =
        (front === back && front !== 'default') ||
        (back === 'default' && background === 'dark' && (front === 0 || front === 16)) ||
        (back === 'default' && background === 'light' && (front === 7 || front === 15 || front === 3 || front === 11 || front === 231));
      if (invisible) found.push({ row, column, cell });
    });
  });
  return found;
}
