/**
 * The prompt on the status line (`:` commands, `g` go to, `i` input, `w` watches): forwards keys to the line
 * editor, keeps one history per kind, and carries out what was typed on Enter.
 */
import type blessed from 'blessed';
import { hexWord } from '../shared/hex.js';
import type { AppHost, PromptKind } from './app-host.js';
import { speedChanged } from './actions.js';
import { editLine, openEditor, remember, type EditorKey, type LineEditorState } from './line-editor.js';
import { span, type Line } from './render/spans.js';
import type { CommandLine } from './command-line.js';
import { memoryStartFor } from './views/memory.js';

/** Commands that only look, or change the face, and so may run while the machine runs. */
const COMMANDS_WHILE_RUNNING = new Set(['speed', 'quit', 'q', 'exit', 'help', 'h', '?', 'print', 'p', 'mem', 'x', 'regs', 'r', 'stack', 'breakpoints', 'info', 'bl', 'input']);

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
    const host = this.host;
    this.history[kind] = remember(this.history[kind], text);
    const trimmed = text.trim();
    switch (kind) {
      case 'command': return this.runCommand(trimmed);
      case 'input':
        host.session.sendInput(text + '\n');
        host.say(`sent ${JSON.stringify(text + '\n')} to the program's input (C-d ends the input)`);
        return;
      case 'watch': {
        const watches = host.ui.watches;
        const drop = /^-(\d+)$/.exec(trimmed);
        if (drop !== null) {
          const index = Number(drop[1]) - 1;
          if (index < 0 || index >= watches.length) host.say(`there is no watch ${drop[1]}`, true);
          else watches.splice(index, 1);
        } else if (trimmed !== '') {
          watches.push(trimmed);
        }
        return;
      }
      case 'goTo': return this.goTo(trimmed);
    }
  }

  private goTo(expression: string): void {
    const { host } = this;
    if (expression === '') return;
    const result = host.session.evaluate(expression);
    if (!result.ok) return host.say(result.error, true);
    const address = result.value & 0xffff;
    host.ui.memoryStart = memoryStartFor(address, host.paneSize('memory', 'width', 40));
    const location = host.session.locationOf(address);
    if (location !== undefined && host.context.sources.has(location.file)) {
      host.ui.sourceFile = location.file;
      host.ui.cursorLine = location.line;
      host.keepCursorVisible();
    }
    host.say(`memory at ${hexWord(address)}${location !== undefined ? `, source line ${location.line}` : ''}`);
  }

  /** Runs one command line as if typed after `:` (keys like `.` use it too). */
  runCommand(text: string): void {
    const { host } = this;
    if (text === '') return;
    const commands = this.commands();
    if (commands === undefined) return host.say('no command line in this build', true);
    const word = (text.split(/\s+/)[0] ?? '').toLowerCase();
    if (host.session.running && !COMMANDS_WHILE_RUNNING.has(word)) {
      return host.say(`"${word}" needs a stopped machine: c pauses first`, true);
    }
    const outcome = commands.run(text);
    host.ui.cycleWalk = outcome.cycleWalk;
    if (outcome.cycleWalk !== undefined && !host.ui.showBus) {
      host.ui.showBus = true;
      host.relayout();
    }
    if (outcome.quit === true) return host.quit();
    if (outcome.run === true) {
      if (!host.session.running) host.perform('continue');
      return;
    }
    if (outcome.step !== undefined) return host.perform(outcome.step === 'over' ? 'stepOver' : 'stepOut');
    if (outcome.speedLimit !== undefined) {
      host.runLoop.pacer.setLimit(outcome.speedLimit ?? undefined, performance.now());
      speedChanged(host);
    }
    if (outcome.memoryAt !== undefined) host.ui.memoryStart = memoryStartFor(outcome.memoryAt, host.paneSize('memory', 'width', 40));
    const lines = outcome.text.replace(/\n$/, '').split('\n');
    if (word === 'cycle') {
      // One line per clock cycle on the explain row, also for the last one (no popup between presses of `.`).
      host.say(lines.slice(0, 2).join('  '), outcome.error);
      host.followPc();
      return;
    }
    if (lines.length > 1) host.showOverlay('output', text, lines);
    else if (outcome.speedLimit === undefined) host.say(lines[0] ?? '', outcome.error);
    host.followPc();
    if (host.session.running) host.runLoop.schedule();
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
