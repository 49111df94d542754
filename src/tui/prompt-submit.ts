/**
 * What a line typed at a prompt does (`:` a command, `g` go to, `i` console input, `w` a watch), over the app's
 * host interface only, with no terminal in it: the terminal's prompt line and the web page's prompt field both
 * hand their text here.
 */
import { hexWord } from '../shared/hex.js';
import type { AppHost, PromptKind } from './app-host.js';
import { speedChanged } from './actions.js';
import type { CommandLine } from './command-line.js';
import { memoryStartFor } from './views/memory.js';

/** Commands that only look, or change the face, and so may run while the machine runs. */
const COMMANDS_WHILE_RUNNING = new Set(['speed', 'quit', 'q', 'exit', 'help', 'h', '?', 'print', 'p', 'mem', 'x', 'regs', 'r', 'stack', 'breakpoints', 'info', 'bl', 'input']);

export function submitPrompt(host: AppHost, kind: PromptKind, text: string, commands: CommandLine | undefined): void {
  const trimmed = text.trim();
  switch (kind) {
    case 'command': return runCommandLine(host, trimmed, commands);
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
    case 'goTo': return goTo(host, trimmed);
  }
}

function goTo(host: AppHost, expression: string): void {
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

/** Runs one command line as if typed after `:` (the terminal's `.` key uses it too). */
export function runCommandLine(host: AppHost, text: string, commands: CommandLine | undefined): void {
  if (text === '') return;
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
