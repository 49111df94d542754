/**
 * The source editor: CodeMirror 6 with 6502 highlighting, moth's diagnostics shown in place, and a gutter that
 * marks the PC's line and the breakpoints the debugger holds. The app owns the meaning; this file only shows it.
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Prec, RangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, GutterMarker, gutter, keymap, type DecorationSet } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '../asm/index.js';
import { asm6502 } from './asm-language.js';
import { darkTheme } from './theme.js';

/** What the debugger wants shown: the 1-based line the PC is on (if in this text) and the breakpoint lines. */
export interface DebugMarks {
  readonly pcLine: number | undefined;
  readonly breakpointLines: ReadonlySet<number>;
}

const setMarks = StateEffect.define<DebugMarks>();

/** A one-character mark in the debug gutter. */
class TextMarker extends GutterMarker {
  constructor(
    private readonly className: string,
    private readonly text: string,
    private readonly title: string,
  ) {
    super();
  }

  override toDOM(): Node {
    const mark = document.createElement('span');
    mark.className = this.className;
    mark.textContent = this.text;
    mark.title = this.title;
    return mark;
  }
}

const BREAKPOINT = new TextMarker('mark-breakpoint', '●', 'breakpoint');
const PC = new TextMarker('mark-pc', '▶', 'the PC: the next instruction to run');
const PC_LINE = Decoration.line({ class: 'cm-pc-line' });

/** The marks as stored in the editor state: line numbers, kept until the next setMarks (edits do not move them). */
const marksField = StateField.define<DebugMarks>({
  create: () => ({ pcLine: undefined, breakpointLines: new Set() }),
  update(marks, transaction) {
    for (const effect of transaction.effects) if (effect.is(setMarks)) return effect.value;
    return marks;
  },
});

function lineStart(state: EditorState, line: number): number | undefined {
  return line >= 1 && line <= state.doc.lines ? state.doc.line(line).from : undefined;
}

const markGutter = gutter({
  class: 'cm-debug-gutter',
  markers(view) {
    const { pcLine, breakpointLines } = view.state.field(marksField);
    const ranges: { from: number; marker: GutterMarker }[] = [];
    for (const line of breakpointLines) {
      const from = lineStart(view.state, line);
      if (from !== undefined) ranges.push({ from, marker: BREAKPOINT });
    }
    const pcFrom = pcLine === undefined ? undefined : lineStart(view.state, pcLine);
    if (pcFrom !== undefined) ranges.push({ from: pcFrom, marker: PC });
    ranges.sort((left, right) => left.from - right.from);
    return RangeSet.of(ranges.map((range) => range.marker.range(range.from)));
  },
  initialSpacer: () => PC,
});

const pcLineDecorations = EditorView.decorations.compute([marksField, 'doc'], (state): DecorationSet => {
  const { pcLine } = state.field(marksField);
  const from = pcLine === undefined ? undefined : lineStart(state, pcLine);
  return from === undefined ? Decoration.none : Decoration.set([PC_LINE.range(from)]);
});

export interface SourceEditorOptions {
  readonly parent: HTMLElement;
  readonly text: string;
  /** Called after every change of the text (typing, undo, loading a program). */
  readonly onChange: (text: string) => void;
  /** Keys handled before the editor's own: the debugger keys that make sense while typing (F-keys). */
  readonly onKey: (event: KeyboardEvent) => boolean;
  /** A click in the mark gutter on a line: toggle a breakpoint there. */
  readonly onGutterClick: (line: number) => void;
}

/** The editor as the app uses it. */
export class SourceEditor {
  readonly view: EditorView;

  constructor(options: SourceEditorOptions) {
    const extensions: Extension[] = [
      basicSetup,
      keymap.of([indentWithTab]),
      asm6502,
      darkTheme,
      marksField,
      markGutter,
      pcLineDecorations,
      // Before basicSetup's keymap, which would take Ctrl-Enter for itself.
      Prec.highest(EditorView.domEventHandlers({ keydown: (event) => options.onKey(event) })),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
      EditorView.contentAttributes.of({ 'aria-label': '6502 source' }),
    ];
    this.view = new EditorView({ parent: options.parent, state: EditorState.create({ doc: options.text, extensions }) });
    listenToGutterClicks(this.view, options.onGutterClick);
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (loading a program); undo can bring the old text back. */
  set text(text: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /** The 1-based line the cursor is on. */
  get cursorLine(): number {
    return this.view.state.doc.lineAt(this.view.state.selection.main.head).number;
  }

  /** Moves the cursor to the start of a 1-based line (go to a label) and shows it. */
  set cursorLine(line: number) {
    const from = lineStart(this.view.state, line);
    if (from !== undefined) this.view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  }

  /** Shows the PC and breakpoints; scrolls the PC's line into view when asked. */
  showMarks(marks: DebugMarks, scrollToPc: boolean): void {
    const from = marks.pcLine === undefined ? undefined : lineStart(this.view.state, marks.pcLine);
    this.view.dispatch({
      effects: [setMarks.of(marks), ...(scrollToPc && from !== undefined ? [EditorView.scrollIntoView(from, { y: 'nearest' })] : [])],
    });
  }

  /** Shows moth's diagnostics (errors and warnings) under the text they point at, in the file `fileName`. */
  showDiagnostics(diagnostics: readonly Diagnostic[], fileName: string): void {
    const doc = this.view.state.doc;
    const shown: EditorDiagnostic[] = [];
    for (const diagnostic of diagnostics) {
      const location = diagnostic.location;
      if (location === undefined || location.file !== fileName || location.line < 1 || location.line > doc.lines) continue;
      const line = doc.line(location.line);
      const from = Math.min(line.to, line.from + Math.max(0, location.column - 1));
      const to = Math.min(line.to, from + Math.max(1, diagnostic.length));
      shown.push({
        from,
        to: Math.max(from, to),
        severity: diagnostic.severity === 'note' ? 'info' : diagnostic.severity,
        message: diagnostic.hint === undefined ? diagnostic.message : `${diagnostic.message} (hint: ${diagnostic.hint})`,
        source: `${fileName}:${location.line}:${location.column}`,
      });
    }
    this.view.dispatch(setDiagnostics(this.view.state, shown));
  }

  focus(): void {
    this.view.focus();
  }
}

/**
 * Clicks on the line numbers or the mark gutter toggle a breakpoint on that line. (A plain listener on the
 * editor's outer element: CodeMirror's domEventHandlers only see events inside the text.)
 */
function listenToGutterClicks(view: EditorView, onLine: (line: number) => void): void {
  view.dom.addEventListener('mousedown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target === null || target.closest('.cm-debug-gutter, .cm-lineNumbers') === null) return;
    event.preventDefault();
    const block = view.lineBlockAtHeight(event.clientY - view.documentTop);
    onLine(view.state.doc.lineAt(block.from).number);
  });
}
