// Checks that every terminal size from 80×24 upwards gets panes that fit, never overlap and cover the body.
import { describe, expect, it } from 'vitest';
import { computeLayout, type Layout, type Rect } from '../../src/tui/layout.js';

function overlaps(first: Rect, second: Rect): boolean {
  return (
    first.left < second.left + second.width &&
    second.left < first.left + first.width &&
    first.top < second.top + second.height &&
    second.top < first.top + first.height
  );
}

function rects(layout: Layout): Rect[] {
  return [...Object.values(layout.panes), ...layout.separators];
}

const options = [
  { showDisplay: false, showNotes: false },
  { showDisplay: true, showNotes: false },
  { showDisplay: false, showNotes: true },
  { showDisplay: true, showNotes: true },
  { showDisplay: false, showNotes: false, showLcd: true },
];

describe('computeLayout', () => {
  it('asks for a bigger window below 80×24', () => {
    expect(computeLayout(79, 30, options[0]!).tooSmall).toBe(true);
    expect(computeLayout(100, 23, options[0]!).tooSmall).toBe(true);
    expect(computeLayout(80, 24, options[0]!).tooSmall).toBe(false);
  });

  it('at 80×24 shows source, memory, registers, stack and console, with two explain lines and a status line at the bottom', () => {
    const layout = computeLayout(80, 24, options[0]!);
    for (const name of ['source', 'memory', 'registers', 'stack', 'console', 'explain', 'status'] as const) {
      expect(layout.panes[name], name).toBeDefined();
    }
    expect(layout.panes.explain).toEqual({ left: 0, top: 21, width: 80, height: 2 });
    expect(layout.panes.status).toEqual({ left: 0, top: 23, width: 80, height: 1 });
  });

  it('keeps the whole display visible when asked for it at 80×24', () => {
    const layout = computeLayout(80, 24, options[1]!);
    expect(layout.panes.display?.height).toBeGreaterThanOrEqual(17);
    expect(layout.panes.display?.width).toBeGreaterThanOrEqual(32);
  });

  it('keeps both the whole display and the notes at 80×24 (lesson mode on a drawing program)', () => {
    const layout = computeLayout(80, 24, options[3]!);
    expect(layout.panes.display?.height).toBeGreaterThanOrEqual(17);
    expect(layout.panes.notes?.height).toBeGreaterThanOrEqual(5);
    expect(layout.panes.source?.height).toBeGreaterThanOrEqual(8);
  });

  it('gives wide terminals a third column with the disassembly', () => {
    const layout = computeLayout(160, 50, options[0]!);
    expect(layout.panes.disassembly).toBeDefined();
    expect(layout.panes.source!.width).toBeGreaterThan(50);
  });

  it('never overlaps panes and keeps everything on screen, for every size and option', () => {
    const problems: string[] = [];
    for (let columns = 80; columns <= 220; columns += 7) {
      for (let rows = 24; rows <= 70; rows += 3) {
        for (const option of options) {
          const layout = computeLayout(columns, rows, option);
          const where = `${columns}x${rows} ${JSON.stringify(option)}`;
          const all = rects(layout);
          for (const rect of all) {
            const fits = rect.left + rect.width <= columns && rect.top + rect.height <= rows && rect.width > 0 && rect.height > 0;
            if (!fits) problems.push(`${where}: ${JSON.stringify(rect)} off screen`);
          }
          for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) {
              if (overlaps(all[i]!, all[j]!)) problems.push(`${where}: ${JSON.stringify(all[i])} overlaps ${JSON.stringify(all[j])}`);
            }
          }
          if (layout.panes.source === undefined || layout.panes.registers === undefined) problems.push(`${where}: no source or registers`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills every cell of the body: pane areas plus separators add up to the screen', () => {
    for (const [columns, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
      const layout = computeLayout(columns, rows, options[0]!);
      const area = rects(layout).reduce((total, rect) => total + rect.width * rect.height, 0);
      expect(area, `${columns}x${rows}`).toBe(columns * rows);
    }
  });
});

describe('the LCD pane', () => {
  it('gets its five rows (title, frame, two lines) in the right column at 80×24 on a machine with an LCD', () => {
    const layout = computeLayout(80, 24, { showDisplay: false, showNotes: false, showLcd: true });
    expect(layout.panes.lcd?.height).toBe(5);
    expect(layout.panes.lcd?.width).toBeGreaterThanOrEqual(18);
    expect(layout.panes.registers).toBeDefined();
  });

  it('a lesson at 80×24 gives the source at least 16 rows, so a chapter 3 loop fits on one screen', () => {
    const layout = computeLayout(80, 24, { showDisplay: false, showNotes: true });
    expect(layout.panes.source!.height).toBeGreaterThanOrEqual(17);
    expect(layout.panes.notes).toBeDefined();
    expect(layout.panes.console).toBeDefined();
  });
});
