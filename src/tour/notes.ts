/**
 * Lesson notes: `;;` comments in a tour program, attached to the source line they explain, so the debugger's
 * notes pane can show the right one as the program counter moves.
 *
 * The rule: a run of `;;` lines (whole-line comments, or `;;` after code) belongs to the next line that holds
 * code, a directive or a label. Plain `;` comments and blank lines between a note and its line are skipped. A
 * `;;` at the end of a code line belongs to that same line. A line holding only a label keeps its note and
 * also passes it on to the next code line, since the program counter never stops on a label. Notes left at
 * the end of the file belong nowhere and are dropped.
 *
 * Note lines are reflowed, since a pane is rarely as wide as the source: consecutive lines join into one
 * paragraph with spaces; a bare `;;` ends a paragraph (an empty line in the result); a line starting with
 * `- `, `* ` or a space starts a line of its own, for lists and small tables. A label's note and the note of
 * the line after it stay separate paragraphs, as do a note above a line and one beside it.
 */

/** 1-based line number → the note text for that line: paragraphs separated by an empty line. */
export type LessonNotes = Map<number, string>;

/** `loop:`, `@next:` or an unnamed `:` alone on a line. */
const LABEL_ONLY = /^\s*(?:[A-Za-z_@.][\w@.]*)?:\s*$/;

export function lessonNotes(source: string): LessonNotes {
  const notes: LessonNotes = new Map();
  const lines = source.split(/\r?\n/);
  let pending: string[] = [];
  // True while `pending` holds a label's note passed on: the next note line starts a new paragraph.
  let carried = false;
  for (let index = 0; index < lines.length; index++) {
    const { code, comment } = splitComment(lines[index]!);
    const note = comment !== undefined && comment.startsWith(';;') ? noteText(comment) : undefined;
    if (code.trim() === '') {
      if (note !== undefined) {
        if (carried) pending.push('');
        carried = false;
        pending.push(note);
      }
      continue;
    }
    const lineNumber = index + 1;
    const own = note === undefined ? pending : pending.length > 0 ? [...pending, '', note] : [note];
    if (own.length > 0) notes.set(lineNumber, reflow(own));
    carried = LABEL_ONLY.test(code) && own.length > 0;
    pending = carried ? own : [];
  }
  return notes;
}

/** Joins note lines into paragraphs; see the rules at the top of this file. */
function reflow(noteLines: readonly string[]): string {
  const out: string[] = [];
  let paragraph: string | undefined;
  const flush = (): void => {
    if (paragraph !== undefined) out.push(paragraph);
    paragraph = undefined;
  };
  for (const line of noteLines) {
    if (line === '') {
      flush();
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else if (/^(\s|[-*] )/.test(line)) {
      flush();
      paragraph = line;
    } else {
      paragraph = paragraph === undefined ? line : `${paragraph} ${line}`;
    }
  }
  flush();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** `;; text` → `text`; a bare `;;` gives '' (a paragraph break). */
function noteText(comment: string): string {
  return comment.slice(2).replace(/^ /, '').trimEnd();
}

/**
 * Splits a line at its first `;` that is not inside a string or character literal. The comment keeps its
 * leading `;`.
 */
function splitComment(line: string): { code: string; comment: string | undefined } {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote !== undefined) {
      if (char === '\\') index++; // an escaped character cannot close the literal
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") {
      // 'X' is a character literal; a lone ' (as in ca65's `'` spellings) would swallow the line, so only
      // treat it as opening a literal when it closes within two characters.
      if (char === "'" && line[index + 2] !== "'" && !(line[index + 1] === '\\' && line[index + 3] === "'")) continue;
      quote = char;
      continue;
    }
    if (char === ';') return { code: line.slice(0, index), comment: line.slice(index) };
  }
  return { code: line, comment: undefined };
}

