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
      context.ui.note = { line, text };
      return;
    }
  }
  context.ui.note = undefined;
}

export function notesView(context: ViewContext, width: number, height: number): Line[] {
  const note = context.ui.note;
  const title = note === undefined ? 'Notes' : `Notes (line ${note.line})`;
  const body = note === undefined ? [span('Step (s) to the first noted line.', 'dim')] : undefined;
  const lines: Line[] = [titleLine(title, width)];
  if (body !== undefined) lines.push(body);
  else for (const text of wrapText(note!.text, width - 1)) lines.push([span(` ${text}`)]);
  return fitPane(lines, width, height);
}
