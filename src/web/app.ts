/**
 * The web face's controller: one editor, one DebugSession built from its text, the terminal debugger's panes
 * drawn as HTML, and the TUI's key table. Free runs go in slices paced by the shared RunPacer, so the page
 * stays live at full speed.
 */
import { createSession } from '../debugger/program.js';
import type { DebugSession } from '../debugger/session.js';
import type { StopReason } from '../debugger/events.js';
import { RunPacer } from '../debugger/run-pacer.js';
import { DISPLAY_START } from '../machine/memory-map.js';
import { lessonNotes } from '../tour/notes.js';
import { parseExpectations, presetFromArgs } from '../tour/expectations.js';
import { PRESETS, PRESET_NAMES, isPresetName, type PresetName } from '../machine/presets.js';
import { KEYMAP, helpLines, type Action } from '../tui/keymap.js';
import { commandLineFor, type CommandLine } from '../tui/command-line.js';
import { changedRanges, initialUiState, type UiState } from '../tui/ui-state.js';
import type { ViewContext } from '../tui/views/view.js';
import { registersView } from '../tui/views/registers.js';
import { stackView } from '../tui/views/stack.js';
import { memoryStartFor, memoryView } from '../tui/views/memory.js';
import { watchesView } from '../tui/views/watches.js';
import { consoleView } from '../tui/views/console.js';
import { disassemblyView } from '../tui/views/disassembly.js';
import { followNote, notesView } from '../tui/views/notes.js';
import { breakpointLines } from '../tui/views/source.js';
import { describeStop, explainView, formatMhz, statusView } from '../tui/views/status.js';
import { remember } from '../tui/line-editor.js';
import { hexWord } from '../shared/hex.js';
import { groupThousands } from '../shared/thousands.js';
import { DisplayCanvas } from './display.js';
import { SourceEditor } from './editor.js';
import { webAction } from './keys.js';
import { drawLines } from './spans.js';
import { download, keep, shareLink } from './storage.js';

/** Pane widths in characters: the memory pane shows 8 bytes a row, readable from the back of a room. */
const PANE_WIDTH = 44;
/** While a free run goes on, panes are redrawn at most this often (the display still follows every frame). */
const RUNNING_FRAME_MILLISECONDS = 50;
/** The same with prefers-reduced-motion: numbers that flicker twenty times a second are motion too. */
const CALM_FRAME_MILLISECONDS = 500;
/** How long typing pauses before the text is assembled again for the diagnostics. */
const LINT_DELAY_MILLISECONDS = 300;
/** Actions that only look or change the face, so they may be taken while the machine runs. */
const WHILE_RUNNING: ReadonlySet<Action> = new Set(['continue', 'pause', 'command', 'slower', 'faster', 'keyboard', 'help', 'toggleDisplay', 'memoryUp', 'memoryDown', 'addWatch', 'sendInput', 'goTo', 'nmi']);
/** Keys of the shared table that mean nothing in a page (a browser tab is closed, not quit; it redraws itself). */
const NOT_IN_A_PAGE: ReadonlySet<Action> = new Set(['quit', 'redraw']);
/** The toolbar: actions with a button, in the order a learner reaches for them. */
const BUTTONS: readonly { readonly action: Action | 'assemble'; readonly text: string }[] = [
  { action: 'assemble', text: 'Assemble & run' },
  { action: 'stepInto', text: 'Step' },
  { action: 'stepOver', text: 'Over' },
  { action: 'stepOut', text: 'Out' },
  { action: 'stepBack', text: 'Back' },
  { action: 'reverseContinue', text: 'Reverse' },
  { action: 'continue', text: 'Run' },
  { action: 'reset', text: 'Reset' },
];
/** Speeds the speed menu offers, in MHz (undefined: as fast as possible). */
const SPEEDS: readonly (number | undefined)[] = [undefined, 64, 8, 1, 0.25, 0.01, 0.001];
/** Keys of this face alone (the editor needs them), shown in the help after the shared table. */
export const WEB_KEYS: readonly { readonly label: string; readonly description: string }[] = [
  { label: 'C-Enter', description: 'assemble the editor text and run it' },
  { label: 'C-S-Enter', description: 'assemble and stop at the first instruction' },
  { label: 'Esc', description: 'leave the editor: letter keys act again' },
  { label: 'e', description: 'back to the editor' },
];

type PromptKind = 'goTo' | 'command' | 'watch';

export interface AppElements {
  readonly editor: HTMLElement;
  readonly buttons: HTMLElement;
  readonly speed: HTMLSelectElement;
  readonly machine: HTMLSelectElement;
  readonly fileName: HTMLElement;
  readonly fileState: HTMLElement;
  readonly explain: HTMLElement;
  readonly notes: HTMLElement;
  readonly debuggerPanel: HTMLElement;
  readonly registers: HTMLElement;
  readonly displayBox: HTMLElement;
  readonly display: HTMLCanvasElement;
  readonly stack: HTMLElement;
  readonly watches: HTMLElement;
  readonly disassembly: HTMLElement;
  readonly memory: HTMLElement;
  readonly console: HTMLElement;
  readonly consoleForm: HTMLFormElement;
  readonly consoleInput: HTMLInputElement;
  readonly status: HTMLElement;
  readonly promptForm: HTMLFormElement;
  readonly promptLabel: HTMLElement;
  readonly promptInput: HTMLInputElement;
  readonly help: HTMLDialogElement;
  readonly helpText: HTMLElement;
}

/** What the page is showing: the assembled text's session, or the diagnostics that kept it from assembling. */
interface Loaded {
  readonly session: DebugSession;
  readonly text: string;
  readonly commands: CommandLine;
  readonly context: ViewContext;
  readonly unsubscribe: () => void;
}

export class WebApp {
  readonly editor: SourceEditor;
  private readonly display: DisplayCanvas;
  private readonly pacer = new RunPacer();
  private fileNameValue: string;
  /** The machine programs run on; a program's `; args: --machine NAME` line picks it when it is opened. */
  private preset: PresetName = 'default';
  private loaded: Loaded | undefined;
  private ui: UiState;
  private lintTimer: number | undefined;
  private runScheduled = false;
  private lastFrame = 0;
  private drawQueued = false;
  private memoryAtStop: { readonly bytes: Uint8Array; readonly instructions: number } | undefined;
  private prompt: PromptKind | undefined;
  private readonly promptHistory: Record<PromptKind, string[]> = { goTo: [], command: [], watch: [] };
  private keyboardMode = false;
  /** Schedules the next slice right after pending events (a message channel is not throttled like timers). */
  private readonly channel = new MessageChannel();
  /** Listeners told after each stop (the tour follows the PC with them). */
  readonly stopListeners: ((session: DebugSession) => void)[] = [];

  constructor(
    private readonly elements: AppElements,
    text: string,
    fileName: string,
  ) {
    this.fileNameValue = fileName;
    this.ui = initialUiState(fileName, true);
    this.display = new DisplayCanvas(elements.display);
    this.editor = new SourceEditor({
      parent: elements.editor,
      text,
      onChange: (changed) => this.textChanged(changed),
      onKey: (event) => this.editorKey(event),
      onGutterClick: (line) => this.toggleBreakpointAt(line),
    });
    this.channel.port1.onmessage = () => this.runSlice();
    this.buildToolbar();
    this.setPreset(presetFromArgs(parseExpectations(text).args));
    this.wireEvents();
    this.lint();
    this.draw();
  }

  get fileName(): string {
    return this.fileNameValue;
  }

  get session(): DebugSession | undefined {
    return this.loaded?.session;
  }

  /** Puts a program in the editor (a tour chapter, an answer); the machine waits for the next assemble. */
  openProgram(text: string, fileName: string): void {
    this.unload();
    this.fileNameValue = fileName;
    this.setPreset(presetFromArgs(parseExpectations(text).args));
    this.editor.text = text;
    this.message(`${fileName} loaded: Ctrl-Enter assembles and runs it, F11 or s steps into it`, false);
  }

  /** Chooses the machine (the toolbar's menu shows it); the next assemble uses it. */
  setPreset(preset: PresetName): void {
    this.preset = preset;
    this.elements.machine.value = preset;
  }

  // ── assembling ─────────────────────────────────────────────────────────────────────────────

  /** Assembles the editor's text into a new session; `run` starts it at once. True when it assembled. */
  assemble(run: boolean): boolean {
    const text = this.editor.text;
    this.unload();
    const created = createSession(text, { fileName: this.fileNameValue, preset: this.preset });
    if (!created.ok) {
      this.editor.showDiagnostics(created.diagnostics, this.fileNameValue);
      const first = created.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
      const where = first?.location === undefined ? this.fileNameValue : `${first.location.file}:${first.location.line}:${first.location.column}`;
      this.message(first === undefined ? created.message : `${where}: ${first.message}`, true);
      this.draw();
      return false;
    }
    this.editor.showDiagnostics(created.assembly.diagnostics, this.fileNameValue);
    const session = created.session;
    const notes = lessonNotes(text);
    this.ui = initialUiState(this.fileNameValue, true);
    const context: ViewContext = {
      session,
      sources: new Map([[this.fileNameValue, text.split(/\r?\n/)]]),
      ui: this.ui,
      notesForLine: notes.size === 0 ? undefined : (file, line) => (file === this.fileNameValue ? notes.get(line) : undefined),
    };
    const unsubscribe = session.on((event) => {
      if (event.type === 'stopped') this.afterStop(event.reason);
      else if (event.type === 'reset') this.memoryAtStop = undefined;
      this.requestDraw();
    });
    this.loaded = { session, text, commands: commandLineFor(session), context, unsubscribe };
    this.ui.memoryStart = memoryStartFor(session.state.pc, PANE_WIDTH);
    this.memoryAtStop = { bytes: session.readMemory(0, 0x10000), instructions: 0 };
    followNote(context);
    this.message(run ? 'assembled: running (F5 or c pauses)' : 'assembled: stopped at the first instruction (F11 or s steps)', false);
    if (run) this.startRun();
    this.draw();
    return true;
  }

  private unload(): void {
    if (this.loaded === undefined) return;
    if (this.loaded.session.running) this.loaded.session.pause();
    this.loaded.unsubscribe();
    this.loaded = undefined;
  }

  private textChanged(text: string): void {
    keep(text);
    window.clearTimeout(this.lintTimer);
    this.lintTimer = window.setTimeout(() => this.lint(), LINT_DELAY_MILLISECONDS);
    this.drawFileState();
  }

  /** Assembles without running, only to show diagnostics in place while the learner types. */
  private lint(): void {
    const text = this.editor.text;
    const created = createSession(text, { fileName: this.fileNameValue, preset: this.preset });
    this.editor.showDiagnostics(created.ok ? created.assembly.diagnostics : created.diagnostics, this.fileNameValue);
  }

  // ── keys ───────────────────────────────────────────────────────────────────────────────────

  /** Keys pressed in the editor: F-keys act, Ctrl-Enter assembles, Esc leaves; the rest is typing. */
  private editorKey(event: KeyboardEvent): boolean {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.assemble(!event.shiftKey);
      return true;
    }
    if (event.key === 'Escape') {
      this.elements.debuggerPanel.focus();
      return true;
    }
    const action = webAction(event, true);
    if (action === undefined) return false;
    event.preventDefault();
    this.perform(action);
    return true;
  }

  /** Keys anywhere outside the editor and text fields: the TUI's table. */
  private pageKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || this.elements.help.open) return;
    const target = event.target as HTMLElement | null;
    if (target !== null && target.closest('.cm-editor') !== null) return; // the editor's own handler ran
    if (target === this.elements.display && this.keyboardMode) return this.programKey(event);
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.assemble(!event.shiftKey);
      return;
    }
    if (typing) {
      const action = webAction(event, true);
      if (action !== undefined) {
        event.preventDefault();
        this.perform(action);
      }
      return;
    }
    if (target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    if (event.key === 'e' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      this.editor.focus();
      return;
    }
    const action = webAction(event, false);
    if (action === undefined) return;
    event.preventDefault();
    this.perform(action);
  }

  /** Keyboard mode: keys typed on the focused display go to the program's key port ($FF); Esc ends it. */
  private programKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.setKeyboardMode(false);
      event.preventDefault();
      return;
    }
    const functionKey = webAction(event, true);
    if (functionKey !== undefined) {
      event.preventDefault();
      this.perform(functionKey);
      return;
    }
    const code = event.key === 'Enter' ? 0x0d : event.key.length === 1 ? event.key.charCodeAt(0) : undefined;
    if (code === undefined || code > 0xff || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.session?.pressKey(code);
    this.requestDraw();
  }

  private setKeyboardMode(on: boolean): void {
    this.keyboardMode = on;
    this.elements.display.classList.toggle('keyboard', on);
    if (on) this.elements.display.focus();
    this.message(on ? 'keyboard mode: keys typed on the display go to the program ($FF); Esc gives them back' : 'keys are the debugger\'s again', false);
  }

  // ── actions ────────────────────────────────────────────────────────────────────────────────

  /** Does what a key of the shared table means, the same as the TUI does. */
  perform(action: Action): void {
    try {
      this.performUnsafe(action);
    } catch (error) {
      this.message(error instanceof Error ? error.message : String(error), true);
    }
    this.requestDraw();
  }

  private performUnsafe(action: Action): void {
    switch (action) {
      case 'help': return this.showHelp();
      case 'slower':
        this.pacer.slower(performance.now());
        return this.speedChanged();
      case 'faster':
        this.pacer.faster(performance.now());
        return this.speedChanged();
      case 'toggleDisplay':
        this.elements.displayBox.hidden = !this.elements.displayBox.hidden;
        return;
      case 'memoryUp':
        this.ui.memoryStart = Math.max(0, this.ui.memoryStart - 0x100);
        return;
      case 'memoryDown':
        this.ui.memoryStart = Math.min(0xff00, this.ui.memoryStart + 0x100);
        return;
      case 'sendInput':
        this.elements.consoleInput.focus();
        return;
      case 'goTo': return this.openPrompt('goTo', 'go to (address or label):');
      case 'command': return this.openPrompt('command', ':');
      case 'addWatch': return this.openPrompt('watch', 'watch expression (-N drops watch N):');
      default:
        if (NOT_IN_A_PAGE.has(action)) return;
        break;
    }
    // Everything else drives the machine: assemble first when nothing is loaded yet.
    if (this.loaded === undefined && !this.assemble(false)) return;
    const session = this.loaded!.session;
    if (session.running && !WHILE_RUNNING.has(action)) {
      this.message('running: press F5 or c to pause first', false);
      return;
    }
    switch (action) {
      case 'continue': return session.running ? session.pause() : this.startRun();
      case 'pause': return session.pause(); // nothing when already stopped
      case 'stepInto':
        session.stepInto();
        return;
      case 'stepOver': return this.startFree(() => session.resumeStepOver());
      case 'stepOut': return this.startFree(() => session.resumeStepOut());
      case 'stepBack': {
        session.stepBack();
        if (this.ui.message === undefined) {
          this.message(`stepped back: the machine is as it was after instruction ${groupThousands(session.state.instructions)} (s goes forward again)`, false);
        }
        return;
      }
      case 'reverseContinue':
        session.reverseContinue();
        return;
      case 'toggleBreakpoint': return this.toggleBreakpointAt(this.editor.cursorLine);
      case 'runToCursor': {
        const line = this.editor.cursorLine;
        const addresses = session.addressesForLine(this.fileNameValue, line);
        if (addresses.length === 0) return this.message(`line ${line} has no code to run to`, true);
        return this.startFree(() => session.resumeRunTo(addresses));
      }
      case 'reset':
        session.reset();
        this.pacer.mhz = undefined;
        return this.message('reset: program reloaded, history cleared', false);
      case 'nmi':
        session.nmi();
        return this.message('NMI raised: the next step enters the handler at the address in $FFFA', false);
      case 'keyboard': return this.setKeyboardMode(true);
      case 'cursorUp':
      case 'cursorDown':
      case 'pageUp':
      case 'pageDown':
      case 'scrollLeft':
      case 'scrollRight':
        // The editor moves its own cursor; from outside it, these keys bring the focus back to it.
        this.editor.focus();
        return;
      default:
        return;
    }
  }

  private toggleBreakpointAt(line: number): void {
    if (this.loaded === undefined && !this.assemble(false)) return;
    const result = this.loaded!.session.toggleBreakpointAtLine(this.fileNameValue, line);
    this.message(result.ok ? `breakpoint ${result.value === 'added' ? 'set' : 'removed'} at ${this.fileNameValue}:${line}` : result.error, !result.ok);
    this.requestDraw();
  }

  // ── free runs ──────────────────────────────────────────────────────────────────────────────

  /** A command that may run freely (step over a long JSR, step out, run to the cursor): slices if it does. */
  private startFree(begin: () => void): void {
    this.ui.message = undefined;
    this.pacer.start(performance.now());
    begin();
    if (this.loaded?.session.running === true) this.scheduleSlice();
  }

  private startRun(): void {
    this.startFree(() => this.loaded!.session.resume());
  }

  private scheduleSlice(): void {
    if (this.runScheduled) return;
    this.runScheduled = true;
    const delay = this.pacer.delay;
    if (delay === 0) this.channel.port2.postMessage(null);
    else window.setTimeout(() => this.runSlice(), delay);
  }

  private runSlice(): void {
    this.runScheduled = false;
    const session = this.loaded?.session;
    if (session === undefined || !session.running) return;
    const started = performance.now();
    const budget = this.pacer.budget(started);
    if (budget <= 0) return this.scheduleSlice();
    let cycles = 0;
    try {
      cycles = session.runSlice(budget).cycles;
    } catch (error) {
      session.pause();
      this.message(error instanceof Error ? error.message : String(error), true);
    }
    const now = performance.now();
    this.pacer.record(cycles, now - started, now);
    if (!session.running) return this.draw(); // the stop event has done the rest
    if (now - this.lastFrame >= (this.reducedMotion.matches ? CALM_FRAME_MILLISECONDS : RUNNING_FRAME_MILLISECONDS)) this.requestDraw();
    else this.requestDisplayFrame();
    this.scheduleSlice();
  }

  private speedChanged(): void {
    const limit = this.pacer.limit;
    this.elements.speed.value = limit === undefined ? 'max' : String(limit);
    this.message(limit === undefined ? 'speed: as fast as possible' : `speed limit ${formatMhz(limit)} (- slower, + faster)`, false);
  }

  // ── stops ──────────────────────────────────────────────────────────────────────────────────

  /** After any stop (the session's `stopped` event): what changed (from the step, or from memory compared with the last stop), and the note. */
  private afterStop(reason: StopReason): void {
    const loaded = this.loaded;
    if (loaded === undefined) return;
    const session = loaded.session;
    const step = session.lastStep;
    const now = session.readMemory(0, 0x10000);
    if (step !== undefined) {
      this.ui.changedRegisters = step.changed;
      this.ui.previousP = step.before.p;
      this.ui.written = step.writes.map((write) => ({ start: write.address, length: 1 }));
    } else if (this.memoryAtStop !== undefined && this.memoryAtStop.instructions !== session.state.instructions) {
      this.ui.written = changedRanges(this.memoryAtStop.bytes, now);
    }
    this.memoryAtStop = { bytes: now, instructions: session.state.instructions };
    this.ui.message = reason.kind === 'step' ? undefined : { text: describeStop(reason, (address) => session.labelAt(address)), error: reason.kind === 'jam' };
    followNote(loaded.context);
    for (const listener of this.stopListeners) listener(session);
    this.requestDraw(true);
  }

  // ── prompts ────────────────────────────────────────────────────────────────────────────────

  private openPrompt(kind: PromptKind, label: string): void {
    this.prompt = kind;
    this.elements.promptLabel.textContent = label;
    this.elements.promptInput.value = '';
    this.elements.promptForm.hidden = false;
    this.elements.promptInput.focus();
  }

  private closePrompt(): void {
    this.prompt = undefined;
    this.elements.promptForm.hidden = true;
    this.elements.debuggerPanel.focus();
  }

  private submitPrompt(text: string): void {
    const kind = this.prompt;
    this.closePrompt();
    if (kind === undefined) return;
    this.promptHistory[kind] = remember(this.promptHistory[kind], text);
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (this.loaded === undefined && !this.assemble(false)) return;
    const loaded = this.loaded!;
    switch (kind) {
      case 'watch': {
        const drop = /^-(\d+)$/.exec(trimmed);
        if (drop === null) this.ui.watches.push(trimmed);
        else if (Number(drop[1]) >= 1 && Number(drop[1]) <= this.ui.watches.length) this.ui.watches.splice(Number(drop[1]) - 1, 1);
        else this.message(`there is no watch ${drop[1]}`, true);
        break;
      }
      case 'goTo': {
        const result = loaded.session.evaluate(trimmed);
        if (!result.ok) return this.message(result.error, true);
        const address = result.value & 0xffff;
        this.ui.memoryStart = memoryStartFor(address, PANE_WIDTH);
        this.message(`memory at ${hexWord(address)}`, false);
        break;
      }
      case 'command': {
        const outcome = loaded.commands.run(trimmed);
        if (outcome.run === true) this.startRun();
        else if (outcome.step !== undefined) this.perform(outcome.step === 'over' ? 'stepOver' : 'stepOut');
        if (outcome.speedLimit !== undefined) {
          this.pacer.setLimit(outcome.speedLimit ?? undefined, performance.now());
          this.speedChanged();
        }
        if (outcome.memoryAt !== undefined) this.ui.memoryStart = memoryStartFor(outcome.memoryAt, PANE_WIDTH);
        if (outcome.text !== '') this.message(outcome.text.replace(/\n$/, ''), outcome.error);
        break;
      }
    }
    this.requestDraw();
  }

  // ── page wiring ────────────────────────────────────────────────────────────────────────────

  private buildToolbar(): void {
    for (const { action, text } of BUTTONS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['action'] = action;
      const keys = action === 'assemble' ? 'C-Enter' : KEYMAP.find((binding) => binding.action === action)?.label ?? '';
      button.innerHTML = '';
      button.append(text, ' ');
      const hint = document.createElement('kbd');
      hint.textContent = keys;
      button.append(hint);
      button.title = action === 'assemble' ? 'assemble the editor text and run it' : KEYMAP.find((binding) => binding.action === action)?.description ?? '';
      button.addEventListener('click', () => (action === 'assemble' ? this.assemble(true) : this.perform(action)));
      this.elements.buttons.append(button);
    }
    for (const mhz of SPEEDS) {
      const option = document.createElement('option');
      option.value = mhz === undefined ? 'max' : String(mhz);
      option.textContent = mhz === undefined ? 'max' : formatMhz(mhz);
      this.elements.speed.append(option);
    }
    for (const name of PRESET_NAMES) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.title = PRESETS[name].description;
      this.elements.machine.append(option);
    }
    this.elements.machine.addEventListener('change', () => {
      const name = this.elements.machine.value;
      if (isPresetName(name)) this.preset = name;
      this.message(`machine: ${name} (${PRESETS[this.preset].description}); Ctrl-Enter assembles on it`, false);
    });
    this.elements.speed.addEventListener('change', () => {
      const value = this.elements.speed.value;
      this.pacer.setLimit(value === 'max' ? undefined : Number(value), performance.now());
      this.speedChanged();
      this.requestDraw();
    });
  }

  private wireEvents(): void {
    const elements = this.elements;
    document.addEventListener('keydown', (event) => this.pageKey(event));
    elements.promptForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitPrompt(elements.promptInput.value);
    });
    elements.promptInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closePrompt();
      } else if (event.key === 'ArrowUp' && this.prompt !== undefined) {
        event.preventDefault();
        elements.promptInput.value = this.promptHistory[this.prompt][0] ?? '';
      } else if (event.key === 'Tab' && this.prompt === 'command' && this.loaded !== undefined) {
        const [first] = this.loaded.commands.complete(elements.promptInput.value);
        if (first !== undefined) {
          event.preventDefault();
          elements.promptInput.value = first;
        }
      }
    });
    elements.consoleForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.loaded === undefined && !this.assemble(false)) return;
      const text = elements.consoleInput.value;
      this.loaded!.session.sendInput(`${text}\n`);
      elements.consoleInput.value = '';
      this.message(`sent ${JSON.stringify(`${text}\n`)} to the program's input`, false);
      this.requestDraw();
    });
    elements.consoleInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') elements.debuggerPanel.focus();
    });
    elements.display.addEventListener('focus', () => {
      if (!this.keyboardMode && this.loaded !== undefined) this.setKeyboardMode(true);
    });
    elements.display.addEventListener('blur', () => {
      if (this.keyboardMode) this.setKeyboardMode(false);
    });
  }

  private showHelp(): void {
    const web = WEB_KEYS.map((key) => `${key.label.padEnd(9)}  ${key.description}`);
    this.elements.helpText.textContent = [
      'Keys (S- Shift, C- Ctrl). In the editor only the F-keys act; Esc leaves it.',
      '',
      ...helpLines(Infinity, KEYMAP.filter((binding) => !NOT_IN_A_PAGE.has(binding.action))),
      '',
      ...web,
    ].join('\n');
    this.elements.help.showModal();
  }

  private message(text: string, error: boolean): void {
    this.ui.message = { text, error };
    this.requestDraw();
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  private requestDraw(scrollToPc = false): void {
    if (scrollToPc) this.scrollToPcPending = true;
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  private scrollToPcPending = false;
  private displayQueued = false;
  private readonly reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  /** Only the display, once per animation frame: the program's own picture is never held back. */
  private requestDisplayFrame(): void {
    if (this.displayQueued || this.drawQueued) return;
    this.displayQueued = true;
    requestAnimationFrame(() => {
      this.displayQueued = false;
      const session = this.loaded?.session;
      if (session !== undefined) this.display.draw(session.readMemory(DISPLAY_START, 0x400));
    });
  }

  /** Redraws every pane from the session (or the empty state before the first assemble). */
  draw(): void {
    this.lastFrame = performance.now();
    const elements = this.elements;
    const loaded = this.loaded;
    this.drawFileState();
    // Before the first assemble there is no machine to show: the machine's panes wait hidden.
    for (const pane of [elements.registers, elements.stack, elements.watches, elements.disassembly, elements.memory, elements.console]) pane.hidden = loaded === undefined;
    if (loaded === undefined) {
      this.editor.showMarks({ pcLine: undefined, breakpointLines: new Set() }, false);
      const message = this.ui.message;
      drawLines(elements.explain, [[{ text: message?.text ?? 'Ctrl-Enter assembles and runs the program; F11 steps into it; ? shows every key', style: message?.error === true ? 'error' : 'dim' }]]);
      drawLines(elements.status, [[{ text: 'not assembled yet', style: 'dim' }]]);
      return;
    }
    const { session, context } = loaded;
    this.ui.mhz = this.pacer.mhz;
    this.ui.speedLimit = this.pacer.limit;
    const width = PANE_WIDTH;
    drawLines(elements.registers, registersView(context, width, 4));
    drawLines(elements.stack, stackView(context, width, 8));
    drawLines(elements.watches, watchesView(context, width, 2 + this.ui.watches.length));
    drawLines(elements.disassembly, disassemblyView(context, width, 6));
    drawLines(elements.memory, memoryView(context, width, 17));
    drawLines(elements.console, consoleView(context, width, 10));
    drawLines(elements.explain, explainView(context, 100, 3));
    drawLines(elements.status, statusView(context, 160, 1, this.fileNameValue));
    elements.notes.hidden = context.notesForLine === undefined;
    if (context.notesForLine !== undefined) drawLines(elements.notes, notesView(context, 100, 12));
    this.display.draw(session.readMemory(DISPLAY_START, 0x400));
    const location = session.location;
    const lines = new Set<number>();
    for (const key of breakpointLines(context)) {
      const [file, line] = splitFileLine(key);
      if (file === this.fileNameValue) lines.add(line);
    }
    const pcLine = !session.running && location !== undefined && location.file === this.fileNameValue ? location.line : undefined;
    this.editor.showMarks({ pcLine, breakpointLines: lines }, this.scrollToPcPending);
    this.scrollToPcPending = false;
    this.drawButtons(session);
  }

  private drawButtons(session: DebugSession): void {
    const run = this.elements.buttons.querySelector<HTMLButtonElement>('[data-action="continue"]');
    if (run !== null) {
      run.firstChild!.textContent = session.running ? 'Pause ' : 'Run ';
      run.setAttribute('aria-pressed', String(session.running));
    }
  }

  private drawFileState(): void {
    this.elements.fileName.textContent = this.fileNameValue;
    const stale = this.loaded !== undefined && this.loaded.text !== this.editor.text;
    this.elements.fileState.textContent = this.loaded === undefined ? '' : stale ? 'changed since it was assembled: Ctrl-Enter assembles again' : 'assembled';
  }

  /** Share: the link goes in the address bar (and on the clipboard when the browser allows). */
  share(): string {
    const link = shareLink(this.editor.text);
    history.replaceState(null, '', link);
    void navigator.clipboard?.writeText(link).catch(() => undefined);
    this.message('the address bar now holds a link with this program in it (copied when the browser allows)', false);
    return link;
  }

  downloadSource(): void {
    download(this.editor.text, this.fileNameValue);
  }
}

/** `file:line` (as breakpointLines gives it; a file name may itself hold a colon) → its parts. */
function splitFileLine(key: string): [string, number] {
  const colon = key.lastIndexOf(':');
  return [key.slice(0, colon), Number(key.slice(colon + 1))];
}
