/**
 * The prompt on the status line (`:` commands, `g` go to, `i` input, `w` watches): forwards keys to the line
 * editor, keeps one history per kind, and has prompt-submit.ts carry out what was typed on Enter.
 */
import type blessed from 'blessed';
import type { AppHost, PromptKind } from './app-host.js';
import { editLine, openEditor, remember, type EditorKey, type LineEditorState } from './line-editor.js';
import { span, type Line } from './render/spans.js';
import type { CommandLine } from './command-line.js';
import { runCommandLine, submitPrompt } from './prompt-submit.js';

export class Prompts {
  private open: { readonly kind: PromptKind; editor: LineEditorState } | undefined;
  private readonly history: Record<PromptKind, string[]> = { command: [], goTo: [], input: [], watch: [] };

  constructor(
    private readonly host: AppHost,
    private readonly commands: () => CommandLine | undefined,
  ) {}

  get active(): boolean {
    return this.open !== undefined;
  }

  start(kind: PromptKind, prompt: string): void {
    this.open = { kind, editor: openEditor(prompt, this.history[kind]) };
  }

  /** The status row while a prompt is open; the cursor is an inverted cell (blessed's own needs a focused textbox). */
  statusLine(): Line {
    const { prompt, text, cursor } = this.open!.editor;
    return [span(prompt, 'accent'), span(text.slice(0, cursor)), span(text[cursor] ?? ' ', 'selected'), span(text.slice(cursor + 1))];
  }

  key(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    const open = this.open!;
    if (key.full === 'escape' || key.full === 'C-c') {
      this.open = undefined;
      return;
    }
    if (key.name === 'return') return; // blessed's first half of Enter; `enter` follows
    if (key.name === 'enter') {
      this.open = undefined;
      try {
        this.submit(open.kind, open.editor.text);
      } catch (error) {
        this.host.say(error instanceof Error ? error.message : String(error), true);
      }
      return;
    }
    const editorKey = toEditorKey(char, key);
    if (editorKey === undefined) return;
    const commands = this.commands();
    const complete = open.kind === 'command' && commands !== undefined ? (text: string) => commands.complete(text) : undefined;
    open.editor = editLine(open.editor, editorKey, complete);
  }

  private submit(kind: PromptKind, text: string): void {
    this.history[kind] = remember(this.history[kind], text);
    submitPrompt(this.host, kind, text, this.commands());
  }

  /** Runs one command line as if typed after `:` (keys like `.` use it too). */
  runCommand(text: string): void {
    runCommandLine(this.host, text, this.commands());
  }
}

/** Blessed's key event as a line-editor key; undefined for keys the prompt ignores. */
function toEditorKey(char: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): EditorKey | undefined {
  switch (key.full) {
    case 'backspace': return { kind: 'backspace' };
    case 'delete': return { kind: 'delete' };
    case 'left': return { kind: 'left' };
    case 'right': return { kind: 'right' };
    case 'home': case 'C-a': return { kind: 'home' };
    case 'end': case 'C-e': return { kind: 'end' };
    case 'up': return { kind: 'up' };
    case 'down': return { kind: 'down' };
    case 'tab': return { kind: 'tab' };
  }
  if (char !== undefined && char.length === 1 && char >= ' ' && char !== '\x7f') return { kind: 'char', char };
  return undefined;
}
