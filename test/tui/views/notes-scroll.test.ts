// A lesson note longer than its pane: wrapped at word boundaries, the title says which rows show, `<`/`>`
// scroll it (clamped so the last page is full), and a new note starts at its top.
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/tui/render/spans.js';
import { initialUiState } from '../../../src/tui/ui-state.js';
import { clampNotesScroll, followNote, noteRows, notesView } from '../../../src/tui/views/notes.js';
import type { ViewContext } from '../../../src/tui/views/view.js';
import { FAKE_FILE, FAKE_SOURCE, FakeSession } from '../helpers/fake-session.js';

const LONG = 'The stack lives in page one and grows downwards: every push writes at $0100 plus SP and then moves SP down by one, and every pull moves SP up first and then reads, so the last byte pushed is the first pulled.';

function context(note: string): ViewContext {
  return {
    session: new FakeSession(),
    sources: new Map([[FAKE_FILE, FAKE_SOURCE.split('\n')]]),
    ui: initialUiState(FAKE_FILE, false),
    notesForLine: () => note,
  };
}

describe('notes pane scrolling', () => {
  it('wraps a long note at word boundaries and shows the first rows with a position in the title', () => {
    const view = context(LONG);
    followNote(view);
    const lines = notesView(view, 30, 5).map(plainText);
    expect(lines[0]).toMatch(/Notes \(line \d+\) 1-4\/\d+ < >/);
    const rows = noteRows(LONG, 30);
    expect(rows.join(' ').split(/\s+/)).toEqual(LONG.split(/\s+/)); // no word cut or lost
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(29);
    expect(lines.slice(1).map((line) => line.trim())).toEqual(rows.slice(0, 4));
  });

  it('scrolls to the last page and no further; a new note starts at the top', () => {
    const view = context(LONG);
    followNote(view);
    const rows = noteRows(LONG, 30);
    view.ui.notesScroll = clampNotesScroll(1000, rows.length, 4);
    const last = notesView(view, 30, 5).map(plainText);
    expect(last.slice(1).map((line) => line.trim())).toEqual(rows.slice(-4));
    expect(last[0]).toContain(`${rows.length - 3}-${rows.length}/${rows.length}`);
    const other = { ...view, notesForLine: () => 'A short note.' };
    followNote(other);
    expect(view.ui.notesScroll).toBe(0);
    expect(notesView(other, 30, 5).map(plainText)[0]).not.toContain('<');
  });
});
