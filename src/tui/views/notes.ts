/**
 * The lesson-notes pane (`moth tour`): the note of the PC's line. When that line has none, the last note stays,
 * so stepping through plain lines does not blank the lesson.
 */
import { wrapText } from '../render/text.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** Updates `ui.note` from the PC's line; call after every stop. */
export function followNote(context: ViewContext): void {
  const location = context.session.location;
  if (context.notesForLine === undefined || location === undefined) return;
  const text = context.notesForLine(location.file, location.line);
  if (text !== undefined) context.ui.note = { line: location.line, text };
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
