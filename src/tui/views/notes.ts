/**
 * The lesson-notes pane (`moth tour`): the note of the PC's line, or, when that line has none, of the nearest
 * noted line above it (the part of the lesson the PC is in), so stepping through plain lines keeps the lesson
 * and a run that stops far away never leaves an old note behind.
 */
import { wrapText } from '../render/text.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** Updates `ui.note` from the PC's line; call after every stop. Outside the source (a ROM) the note stays. */
export function followNote(context: ViewContext): void {
  const location = context.session.location;
  if (context.notesForLine === undefined || location === undefined) return;
  for (let line = location.line; line >= 1; line--) {
    const text = context.notesForLine(location.file, line);
    if (text !== undefined) {
      if (context.ui.note?.line !== line || context.ui.note.text !== text) context.ui.notesScroll = 0;
      context.ui.note = { line, text };
      return;
    }
  }
  context.ui.note = undefined;
  context.ui.notesScroll = 0;
}

/** The note wrapped to the pane: each row at most `width - 1` columns, words never cut (wrapText). */
export function noteRows(text: string, width: number): string[] {
  return wrapText(text, Math.max(1, width - 1));
}

/** The first row shown, kept so the last rows still fill the pane. */
export function clampNotesScroll(scroll: number, rows: number, visible: number): number {
  return Math.max(0, Math.min(scroll, rows - visible));
}

export function notesView(context: ViewContext, width: number, height: number): Line[] {
  const note = context.ui.note;
  if (note === undefined) return fitPane([titleLine('Notes', width), [span('Step (s) to the first noted line.', 'dim')]], width, height);
  const rows = noteRows(note.text, width);
  const visible = Math.max(1, height - 1);
  const top = clampNotesScroll(context.ui.notesScroll, rows.length, visible);
  // A note longer than the pane says which rows are shown and how to see the others.
  const more = rows.length > visible ? ` ${top + 1}-${Math.min(rows.length, top + visible)}/${rows.length} < >` : '';
  const lines: Line[] = [titleLine(`Notes (line ${note.line})${more}`, width)];
  for (const text of rows.slice(top, top + visible)) lines.push([span(` ${text}`)]);
  return fitPane(lines, width, height);
}
