/**
 * What each key of the keymap does: one function per action over the app's host interface. Stepping over,
 * stepping out and running to a line use the session's own free-run goals (resumeStepOver, resumeStepOut,
 * resumeRunTo) in slices, so a long subroutine or a line never reached keeps the keys live.
 */
import { JSR_OPCODE } from '../cpu/instruction-set.js';
import { hexWord } from '../shared/hex.js';
import { groupThousands } from '../shared/thousands.js';
import type { AppHost } from './app-host.js';
import { allowedWhileRunning, helpLines, type Action } from './keymap.js';
import { clampNotesScroll, noteRows } from './views/notes.js';
import { formatMhz } from './views/status.js';

/** Actions after which a cycle walk no longer describes the next instruction. */
const MOVES_MACHINE: ReadonlySet<Action> = new Set<Action>([
  'continue', 'stepOver', 'stepInto', 'stepOut', 'stepBack', 'reverseContinue', 'runToCursor', 'reset', 'edit', 'nmi',
]);

export function performAction(host: AppHost, action: Action): void {
  const { session, ui } = host;
  if (session.running && !allowedWhileRunning(action)) {
    host.say('running: press c to pause first');
    return;
  }
  // A cycle walk lasts while `.` is pressed; looking around (B, d, z, scrolling) keeps it, anything that moves the machine ends it.
  if (action === 'cycleStep') return host.runCommand('cycle');
  if (MOVES_MACHINE.has(action)) ui.cycleWalk = undefined;
  switch (action) {
    case 'continue':
      if (session.running) session.pause();
      else host.startRun(() => session.resume());
      return;
    case 'pause':
      if (session.running) session.pause();
      return;
    case 'stepInto':
      session.stepInto();
      return;
    case 'stepOver': return stepOver(host);
    case 'stepOut': {
      const routine = session.labelBefore(session.state.pc)?.name;
      host.startRun(() => session.resumeStepOut(), `stepped out${routine !== undefined ? ` of ${routine}` : ''}`);
      return;
    }
    case 'stepBack':
      session.stepBack();
      if (ui.message === undefined) {
        host.say(`stepped back: the machine is as it was after instruction ${groupThousands(session.state.instructions)} (s goes forward again)`);
      }
      return;
    case 'reverseContinue':
      session.reverseContinue();
      return;
    case 'runToCursor': return runToCursor(host);
    case 'toggleBreakpoint': return toggleBreakpoint(host);
    case 'nmi':
      session.nmi();
      host.say('NMI raised: the next step enters the handler at the address in $FFFA');
      return;
    case 'reset': return host.reload();
    case 'edit': return host.editSource();
    case 'endInput':
      session.endInput();
      host.say('input ended: the program now sees end of input (bit 7 of $F005)');
      return;
    case 'goTo': return host.openPrompt('goTo', 'go to (address or label): ');
    case 'command': return host.openPrompt('command', ':');
    case 'sendInput': return host.openPrompt('input', 'input for the program: ');
    case 'addWatch': return host.openPrompt('watch', 'watch expression (-N drops watch N): ');
    case 'slower':
      host.runLoop.pacer.slower(performance.now());
      return speedChanged(host);
    case 'faster':
      host.runLoop.pacer.faster(performance.now());
      return speedChanged(host);
    case 'keyboard':
      ui.keyboardMode = true;
      host.say('keyboard mode: what you type goes to the program; Esc gives the keys back');
      return;
    case 'help': return host.showOverlay('help', 'Keys (S- Shift, C- Ctrl; Esc closes)', helpLines(host.screenRows - 4));
    case 'quit':
      if (session.running) host.showOverlay('confirmQuit', 'Quit?', ['The program is running. Quit anyway? (y / n)']);
      else host.quit();
      return;
    case 'scrollLeft':
      ui.sourceLeft = Math.max(0, ui.sourceLeft - 8);
      return;
    case 'scrollRight':
      ui.sourceLeft = Math.min(longestSourceLine(host), ui.sourceLeft + 8);
      return;
    case 'cursorUp': return moveCursor(host, -1);
    case 'cursorDown': return moveCursor(host, 1);
    case 'pageUp': return moveCursor(host, -Math.max(1, host.paneSize('source', 'height', 10) - 2));
    case 'pageDown': return moveCursor(host, Math.max(1, host.paneSize('source', 'height', 10) - 2));
    case 'memoryUp':
      ui.memoryStart = Math.max(0, ui.memoryStart - 0x100);
      return;
    case 'memoryDown':
      ui.memoryStart = Math.min(0xff00, ui.memoryStart + 0x100);
      return;
    case 'toggleDisplay':
      ui.showDisplay = !ui.showDisplay;
      ui.displayHiddenByUser = !ui.showDisplay;
      if (!ui.showDisplay) ui.displayZoom = 'pane';
      host.relayout();
      return;
    case 'zoomDisplay':
      ui.displayZoom = ui.displayZoom === 'pane' ? 'half' : ui.displayZoom === 'half' ? 'full' : 'pane';
      ui.showDisplay = true;
      ui.displayHiddenByUser = false;
      host.relayout();
      return;
    case 'toggleBus':
      ui.showBus = !ui.showBus;
      host.relayout();
      return;
    case 'notesUp':
    case 'notesDown': return scrollNotes(host, action === 'notesUp' ? -1 : 1);
    case 'redraw': return host.repaint();
  }
}

/** `<` / `>`: the lesson note a pane's height less one row up or down (one row stays for context). */
function scrollNotes(host: AppHost, direction: number): void {
  const { ui } = host;
  if (ui.note === undefined) return host.say('no lesson note here');
  const width = host.paneSize('notes', 'width', 40);
  const visible = Math.max(1, host.paneSize('notes', 'height', 6) - 1);
  const rows = noteRows(ui.note.text, width).length;
  ui.notesScroll = clampNotesScroll(ui.notesScroll + direction * Math.max(1, visible - 1), rows, visible);
}

/** Step over: a JSR runs freely until it returns to this frame; anything else is one step. */
function stepOver(host: AppHost): void {
  const { session } = host;
  const pc = session.state.pc;
  const bytes = session.readMemory(pc, 3);
  if (bytes[0] !== JSR_OPCODE) {
    session.stepInto();
    return;
  }
  const target = (bytes[1] ?? 0) | ((bytes[2] ?? 0) << 8);
  host.startRun(() => session.resumeStepOver(), `stepped over JSR ${session.labelAt(target) ?? hexWord(target)}`);
}

function runToCursor(host: AppHost): void {
  const { session, ui } = host;
  const addresses = session.addressesForLine(ui.sourceFile, ui.cursorLine);
  if (addresses.length === 0) {
    host.say(`line ${ui.cursorLine} has no code to run to`, true);
    return;
  }
  host.startRun(() => session.resumeRunTo(addresses), `ran to line ${ui.cursorLine}`);
}

function toggleBreakpoint(host: AppHost): void {
  const { session, ui, context } = host;
  if (!context.sources.has(ui.sourceFile) || (session.location === undefined && !session.running)) return toggleBreakpointAtPc(host);
  const result = session.toggleBreakpointAtLine(ui.sourceFile, ui.cursorLine);
  if (result.ok) host.say(`breakpoint ${result.value} at ${ui.sourceFile}:${ui.cursorLine}`);
  else host.say(result.error, true);
}

/** Where there is no source (a binary, code outside the file), `b` toggles a breakpoint on the PC's address. */
function toggleBreakpointAtPc(host: AppHost): void {
  const { session } = host;
  const pc = session.state.pc;
  const existing = session.breakpoints.find((breakpoint) => breakpoint.target.kind === 'address' && breakpoint.target.address === pc);
  if (existing !== undefined) {
    const removed = session.deleteBreakpoint(existing.id);
    if (removed.ok) host.say(`breakpoint ${existing.id} at ${hexWord(pc)} removed`);
    else host.say(removed.error, true);
    return;
  }
  const added = session.addBreakpoint({ kind: 'address', address: pc });
  if (added.ok) host.say(`breakpoint ${added.value.id} at ${hexWord(pc)}`);
  else host.say(added.error, true);
}

/** After `-`, `+` or `:speed`: the limit on the status line and a word on the explain row. */
export function speedChanged(host: Pick<AppHost, 'runLoop' | 'ui' | 'say'>): void {
  const limit = host.runLoop.pacer.limit;
  host.ui.speedLimit = limit;
  host.say(limit === undefined ? 'speed: as fast as possible' : `speed limit ${formatMhz(limit)} (- slower, + faster)`);
}

function longestSourceLine(host: AppHost): number {
  const lines = host.context.sources.get(host.ui.sourceFile) ?? [];
  return lines.reduce((longest, line) => Math.max(longest, line.length), 0);
}

function moveCursor(host: AppHost, delta: number): void {
  const total = host.context.sources.get(host.ui.sourceFile)?.length ?? 1;
  host.ui.cursorLine = Math.max(1, Math.min(total, host.ui.cursorLine + delta));
  host.keepCursorVisible();
}
