/**
 * The debugger's command language: one line of text → one session call → a structured outcome plus plain
 * text. The TUI's command line, `moth debug --script` and the tests all go through `runCommand`, so every
 * face understands the same words. Each line is parsed on its own (no "repeat the last command" rule here;
 * a face may add one), and `completeCommand` offers candidates for the word being typed.
 */
import { FLAG_MASK, REGISTER_FLAGS } from '../cpu/flags.js';
import { registerLine } from '../cpu/registers.js';
import { hex, hexDigits, hexWord, parseNumber } from '../shared/hex.js';
import type { CpuState, MemoryAccess, StopReason } from './events.js';
import { REGISTER_NAMES } from './events.js';
import { describeStop } from './stop-reason.js';
import type {
  BreakpointInfo,
  BreakpointTarget,
  DebugSession,
  StackEntry,
  StopResult,
  WatchpointInfo,
} from './session.js';
import { failure, success, type CommandHelp, type CommandResult } from './commands-result.js';
import { asmCommand, fillCommand, loadCommand, saveCommand, type CommandContext } from './commands-monitor.js';
import { busCommand, cycleCommand } from './commands-bus.js';

export type { CommandHelp, CommandOutcome, CommandResult } from './commands-result.js';
export type { CommandContext, CommandFiles } from './commands-monitor.js';

/** Every command, in the order `help` lists them; the TUI's help overlay may read this too. */
export const COMMANDS: readonly CommandHelp[] = [
  { name: 'step', aliases: ['s'], usage: 'step [n]', summary: 'execute n instructions (default 1), entering subroutines', examples: ['step', 'step 10'] },
  { name: 'next', aliases: ['n'], usage: 'next', summary: 'execute one instruction; a JSR runs until it returns', examples: ['next'] },
  { name: 'finish', aliases: ['fin'], usage: 'finish', summary: 'run until the current subroutine returns', examples: ['finish'] },
  { name: 'continue', aliases: ['c', 'cont'], usage: 'continue', summary: 'run until a breakpoint, watchpoint, BRK or exit', examples: ['continue'] },
  { name: 'until', aliases: ['u'], usage: 'until <line|address|label>', summary: 'run until PC reaches the place', examples: ['until 12', 'until $0612', 'until done'] },
  { name: 'back', aliases: ['bk'], usage: 'back [n]', summary: 'step back n instructions (default 1), exactly', examples: ['back', 'back 100'] },
  { name: 'rcontinue', aliases: ['rc'], usage: 'rcontinue', summary: 'run backwards to the previous breakpoint or watchpoint hit', examples: ['rcontinue'] },
  { name: 'break', aliases: ['b'], usage: 'break <line|file:line|address|label> [if <condition>] [hits <n>]', summary: 'stop before executing there (when the condition holds; after n hits)', examples: ['break loop', 'break 12', 'break hello.s:12', 'break $0610 if A == $10 && X > 3', 'break loop hits 5'] },
  { name: 'watch', aliases: ['w'], usage: 'watch <address>[..<end>] [read|write|access] [if <condition>]', summary: 'stop after an instruction reads or writes the range (default: write)', examples: ['watch $0200', 'watch $0200..$0210 write', 'watch counter read'] },
  { name: 'delete', aliases: ['d'], usage: 'delete [id]', summary: 'delete a breakpoint or watchpoint (all without an id)', examples: ['delete 1', 'delete'] },
  { name: 'enable', aliases: [], usage: 'enable <id>', summary: 'enable a breakpoint or watchpoint', examples: ['enable 1'] },
  { name: 'disable', aliases: [], usage: 'disable <id>', summary: 'disable a breakpoint or watchpoint', examples: ['disable 1'] },
  { name: 'breakpoints', aliases: ['info', 'bl'], usage: 'breakpoints', summary: 'list breakpoints and watchpoints with their hit counts', examples: ['breakpoints'] },
  { name: 'catch', aliases: [], usage: 'catch brk|undocumented|stack [on|off]', summary: 'also stop before BRK, before undocumented opcodes, or when SP wraps', examples: ['catch stack', 'catch brk off'] },
  { name: 'breakmode', aliases: [], usage: 'breakmode patch|check', summary: 'patch: breakpoints as BRK patches (fast); check: test every instruction (exact for code that jumps into instructions)', examples: ['breakmode check'] },
  { name: 'mem', aliases: ['x'], usage: 'mem <address> [length]', summary: 'show memory (default 64 bytes), without side effects', examples: ['mem $0200', 'mem $0200 16', 'mem message'] },
  { name: 'print', aliases: ['p'], usage: 'print <expression>', summary: 'evaluate: registers, flags, labels, [address], + - * / & | ^ << >> == != < > && ||', examples: ['print A', 'print A+1', 'print loop', 'print [$0200] != 0'] },
  { name: 'set', aliases: [], usage: 'set <register|flag|[address]> = <expression>', summary: 'change a register, a flag or a byte', examples: ['set A = $10', 'set [$10] = $ff', 'set C = 1'] },
  { name: 'regs', aliases: ['r'], usage: 'regs', summary: 'show the registers and flags', examples: ['regs'] },
  { name: 'stack', aliases: [], usage: 'stack', summary: 'show the used part of the stack with return addresses', examples: ['stack'] },
  { name: 'disasm', aliases: ['dis', 'list'], usage: 'disasm [address] [count]', summary: 'disassemble (default: 8 instructions from PC)', examples: ['disasm', 'disasm loop 4'] },
  { name: 'cycle', aliases: [], usage: 'cycle', summary: 'one clock cycle: shows the next instruction\'s bus cycles one at a time; the last one executes it', examples: ['cycle'] },
  { name: 'bus', aliases: [], usage: 'bus', summary: 'every clock cycle of the last step: R/W, address, data and what the cycle is for', examples: ['bus'] },
  { name: 'asm', aliases: ['a'], usage: 'asm <address> <instruction>', summary: 'assemble one line into memory (the program\'s labels are known)', examples: ['asm $0600 LDA #1', 'asm loop JMP start'] },
  { name: 'fill', aliases: ['f'], usage: 'fill <from> <to> <byte> [byte…]', summary: 'fill memory from..to (both included) with the bytes, repeated', examples: ['fill $0200 $05FF 0', 'fill $10 $1F $AA $55'] },
  { name: 'load', aliases: [], usage: 'load <file> [address]', summary: 'load a file\'s bytes into memory (default: the program\'s start)', examples: ['load sprite.bin $0200'] },
  { name: 'save', aliases: [], usage: 'save[!] <file> <from> <to>', summary: 'save memory from..to into a new file; save! replaces an existing one', examples: ['save screen.bin $0200 $05FF', 'save! screen.bin $0200 $05FF'] },
  { name: 'trace', aliases: [], usage: 'trace on|off', summary: 'emit one trace line per executed instruction', examples: ['trace on'] },
  { name: 'input', aliases: [], usage: 'input <text>', summary: 'type text (and a newline) for the program to read from $F004', examples: ['input hello'] },
  { name: 'nmi', aliases: [], usage: 'nmi', summary: 'pulse the NMI line, like a button: the CPU takes the interrupt before its next instruction', examples: ['nmi'] },
  { name: 'reset', aliases: [], usage: 'reset', summary: 'reload the program and clear history; breakpoints stay', examples: ['reset'] },
  { name: 'help', aliases: ['h', '?'], usage: 'help [command]', summary: 'list commands, or explain one', examples: ['help', 'help break'] },
];

const BY_NAME = new Map<string, CommandHelp>();
for (const command of COMMANDS) {
  BY_NAME.set(command.name, command);
  for (const alias of command.aliases) BY_NAME.set(alias, command);
}

const CATCH_NAMES = ['brk', 'undocumented', 'stack'] as const;
const ACCESS_NAMES = ['read', 'write', 'access'] as const;

/** Parses and runs one command line against the session. Never throws on bad input. */
export function runCommand(session: DebugSession, line: string, context: CommandContext = {}): CommandResult {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { ok: true, command: '', outcome: { kind: 'none' }, text: '' };
  const space = trimmed.search(/\s/);
  let word = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  // `save!` replaces an existing file; the `!` belongs to the word.
  const bang = word.endsWith('!') && word.length > 1;
  if (bang) word = word.slice(0, -1);
  const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const help = BY_NAME.get(word);
  if (help === undefined) return failure('', `unknown command "${word}" (try "help")`);
  const name = help.name;
  if (bang && name !== 'save') return failure(name, `only save takes "!" (to replace an existing file)`);
  switch (name) {
    case 'step': {
      const count = optionalCount(rest, name);
      if (typeof count === 'string') return failure(name, count);
      return stopped(session, name, session.stepInto(count));
    }
    case 'next':
      return noArguments(rest, name) ?? stopped(session, name, session.stepOver());
    case 'finish':
      return noArguments(rest, name) ?? stopped(session, name, session.stepOut());
    case 'continue':
      return noArguments(rest, name) ?? stopped(session, name, session.continue());
    case 'back': {
      const count = optionalCount(rest, name);
      if (typeof count === 'string') return failure(name, count);
      return stopped(session, name, session.stepBack(count));
    }
    case 'rcontinue':
      return noArguments(rest, name) ?? stopped(session, name, session.reverseContinue());
    case 'until': {
      if (rest === '') return failure(name, 'until needs a line, address or label');
      const place = resolvePlace(session, rest);
      if (!place.ok) return failure(name, place.error);
      return stopped(session, name, session.runTo(place.addresses));
    }
    case 'break':
      return breakCommand(session, rest);
    case 'watch':
      return watchCommand(session, rest);
    case 'delete':
      return deleteCommand(session, rest);
    case 'enable':
    case 'disable': {
      const id = parseId(rest);
      if (id === undefined) return failure(name, `${name} needs a breakpoint id`);
      const done = session.setBreakpointEnabled(id, name === 'enable');
      if (!done.ok) return failure(name, done.error);
      return success(name, { kind: 'breakpoints-changed', ids: [id] }, `${name === 'enable' ? 'Enabled' : 'Disabled'} ${id}`);
    }
    case 'breakpoints':
      return success(
        name,
        { kind: 'breakpoint-list', breakpoints: session.breakpoints, watchpoints: session.watchpoints },
        formatBreakpointList(session.breakpoints, session.watchpoints),
      );
    case 'catch':
      return catchCommand(session, rest);
    case 'breakmode': {
      const mode = rest.toLowerCase();
      if (mode !== '' && mode !== 'patch' && mode !== 'check') return failure(name, 'breakmode takes patch or check');
      if (mode !== '') session.patchBreakpoints = mode === 'patch';
      const now = session.patchBreakpoints ? 'patch' : 'check';
      return success(name, { kind: 'setting', name: 'patch breakpoints', on: session.patchBreakpoints }, `Breakpoint mode: ${now}`);
    }
    case 'mem':
      return memCommand(session, rest);
    case 'print': {
      if (rest === '') return failure(name, 'print needs an expression');
      const value = session.evaluate(rest);
      if (!value.ok) return failure(name, value.error);
      return success(name, { kind: 'value', expression: rest, value: value.value }, `${rest} = ${formatValue(value.value, session)}`);
    }
    case 'set':
      return setCommand(session, rest);
    case 'regs':
      return success(name, { kind: 'registers', state: session.state }, formatRegisters(session.state));
    case 'stack': {
      const entries = session.stack();
      return success(name, { kind: 'stack', entries }, formatStack(entries));
    }
    case 'disasm':
      return disasmCommand(session, rest);
    case 'trace': {
      const on = parseOnOff(rest === '' ? 'on' : rest);
      if (on === undefined) return failure(name, 'trace takes on or off');
      session.trace = on;
      return success(name, { kind: 'setting', name: 'trace', on }, `Trace ${on ? 'on' : 'off'}`);
    }
    case 'input':
      session.sendInput(rest + '\n');
      return success(name, { kind: 'none' }, `Typed ${JSON.stringify(rest + '\n')}`);
    case 'nmi':
      session.nmi();
      return success(name, { kind: 'none' }, 'NMI raised: the next step enters the handler at the address in $FFFA/$FFFB');
    case 'reset':
      session.reset();
      return success(name, { kind: 'reset' }, 'Reset: program reloaded, history cleared\n' + formatStopState(session, session.state));
    case 'asm':
      return asmCommand(session, rest, trimmed);
    case 'fill':
      return fillCommand(session, splitArguments(rest));
    case 'load':
      return loadCommand(session, splitArguments(rest), context);
    case 'save':
      return saveCommand(session, splitArguments(rest), bang, context);
    case 'bus':
      return noArguments(rest, name) ?? busCommand(session);
    case 'cycle':
      return noArguments(rest, name) ?? cycleCommand(session);
    case 'help':
      return helpCommand(rest);
    default:
      return failure(name, `"${name}" is not implemented`);
  }
}

/** Candidates for the word at the end of `line`: command names first, then labels, registers and keywords. */
export function completeCommand(session: DebugSession, line: string): string[] {
  const endsWithSpace = /\s$/.test(line);
  const words = line.trim() === '' ? [] : line.trim().split(/\s+/);
  if (words.length === 0 || (words.length === 1 && !endsWithSpace)) {
    const prefix = (words[0] ?? '').toLowerCase();
    return COMMANDS.map((command) => command.name).filter((name) => name.startsWith(prefix));
  }
  const command = BY_NAME.get(words[0]!.toLowerCase())?.name;
  const current = endsWithSpace ? '' : words[words.length - 1]!;
  const position = endsWithSpace ? words.length : words.length - 1; // index of the word being typed
  const matching = (candidates: readonly string[]): string[] =>
    candidates.filter((candidate) => candidate.toLowerCase().startsWith(current.toLowerCase()));
  const labels = [...session.symbolNames].sort();
  const registers = REGISTER_NAMES.map((name) => name.toUpperCase());
  switch (command) {
    case 'trace':
      return position === 1 ? matching(['on', 'off']) : [];
    case 'breakmode':
      return position === 1 ? matching(['patch', 'check']) : [];
    case 'catch':
      return position === 1 ? matching(CATCH_NAMES) : position === 2 ? matching(['on', 'off']) : [];
    case 'help':
      return position === 1 ? matching(COMMANDS.map((c) => c.name)) : [];
    case 'watch':
      return position === 1 ? matching(labels) : matching([...ACCESS_NAMES, 'if', ...registers, ...labels]);
    case 'break':
      return position === 1 ? matching(labels) : matching(['if', 'hits', ...registers, ...labels]);
    case 'until':
    case 'mem':
    case 'disasm':
    case 'asm':
      return position === 1 ? matching(labels) : [];
    case 'fill':
      return position <= 2 ? matching(labels) : [];
    case 'save':
      return position >= 2 ? matching(labels) : [];
    case 'print':
      return matching([...registers, ...labels]);
    case 'set':
      return position === 1 ? matching([...registers, 'N', 'V', 'D', 'I', 'Z', 'C']) : matching([...registers, ...labels]);
    case 'delete':
    case 'enable':
    case 'disable':
      return matching([...session.breakpoints.map((b) => String(b.id)), ...session.watchpoints.map((w) => String(w.id))]);
    default:
      return [];
  }
}

// ------------------------------------------------------------------ the commands with arguments

function breakCommand(session: DebugSession, rest: string): CommandResult {
  if (rest === '') return failure('break', 'break needs a line, address or label (see "help break")');
  let text = rest;
  let ignoreUntil = 0;
  const hits = /\s+hits\s+(\S+)\s*$/i.exec(text);
  if (hits) {
    const count = parseNumber(hits[1]!);
    if (count === undefined) return failure('break', `hits needs a number, not "${hits[1]}"`);
    ignoreUntil = Math.max(0, count - 1);
    text = text.slice(0, hits.index);
  }
  let condition: string | undefined;
  const ifMatch = /\s+if\s+/i.exec(text);
  if (ifMatch) {
    condition = text.slice(ifMatch.index + ifMatch[0].length).trim();
    text = text.slice(0, ifMatch.index);
    if (condition === '') return failure('break', 'the condition after "if" is empty');
  }
  const target = parseTarget(session, text.trim());
  if (!target.ok) return failure('break', target.error);
  const added = session.addBreakpoint(target.target, condition, ignoreUntil);
  if (!added.ok) return failure('break', added.error);
  return success('break', { kind: 'breakpoint-added', breakpoint: added.value }, `Breakpoint ${describeBreakpoint(added.value)}`);
}

function watchCommand(session: DebugSession, rest: string): CommandResult {
  if (rest === '') return failure('watch', 'watch needs an address or range (see "help watch")');
  let text = rest;
  let condition: string | undefined;
  const ifMatch = /\s+if\s+/i.exec(text);
  if (ifMatch) {
    condition = text.slice(ifMatch.index + ifMatch[0].length).trim();
    text = text.slice(0, ifMatch.index);
  }
  let access: MemoryAccess | 'access' = 'write';
  const accessMatch = /\s+(read|write|access)\s*$/i.exec(text);
  if (accessMatch) {
    access = accessMatch[1]!.toLowerCase() as MemoryAccess | 'access';
    text = text.slice(0, accessMatch.index);
  }
  const [startText, endText] = text.split('..').map((part) => part.trim());
  const start = session.evaluate(startText ?? '');
  if (!start.ok) return failure('watch', `start: ${start.error}`);
  const end = endText === undefined ? start : session.evaluate(endText);
  if (!end.ok) return failure('watch', `end: ${end.error}`);
  const added = session.addWatchpoint(start.value, end.value, access, condition);
  if (!added.ok) return failure('watch', added.error);
  return success('watch', { kind: 'watchpoint-added', watchpoint: added.value }, `Watchpoint ${describeWatchpoint(added.value)}`);
}

function deleteCommand(session: DebugSession, rest: string): CommandResult {
  if (rest === '') {
    const ids = [...session.breakpoints.map((b) => b.id), ...session.watchpoints.map((w) => w.id)];
    for (const id of ids) session.deleteBreakpoint(id);
    return success('delete', { kind: 'breakpoints-changed', ids }, ids.length === 0 ? 'Nothing to delete' : `Deleted ${ids.join(', ')}`);
  }
  const id = parseId(rest);
  if (id === undefined) return failure('delete', `delete needs a breakpoint id, not "${rest}"`);
  const done = session.deleteBreakpoint(id);
  if (!done.ok) return failure('delete', done.error);
  return success('delete', { kind: 'breakpoints-changed', ids: [id] }, `Deleted ${id}`);
}

function catchCommand(session: DebugSession, rest: string): CommandResult {
  const [what, onText] = rest.split(/\s+/);
  const name = CATCH_NAMES.find((candidate) => candidate === what?.toLowerCase());
  if (name === undefined) {
    const current = CATCH_NAMES.map((candidate) => `${candidate} ${session.breakOn[candidate] ? 'on' : 'off'}`).join(', ');
    if (rest === '') return success('catch', { kind: 'none' }, `Catching: ${current}`);
    return failure('catch', `catch takes brk, undocumented or stack, not "${what}"`);
  }
  const on = parseOnOff(onText ?? 'on');
  if (on === undefined) return failure('catch', 'catch takes on or off');
  session.breakOn[name] = on;
  return success('catch', { kind: 'setting', name, on }, `Stop on ${name}: ${on ? 'on' : 'off'}`);
}

function memCommand(session: DebugSession, rest: string): CommandResult {
  const parts = splitArguments(rest);
  if (parts.length === 0) return failure('mem', 'mem needs an address');
  const start = session.evaluate(parts[0]!);
  if (!start.ok) return failure('mem', start.error);
  let length = 64;
  if (parts[1] !== undefined) {
    const parsed = session.evaluate(parts[1]);
    if (!parsed.ok || parsed.value < 1 || parsed.value > 0x10000) return failure('mem', `length must be 1 to 65536, not "${parts[1]}"`);
    length = parsed.value;
  }
  if (!isAddressValue(start.value)) return failure('mem', notAnAddress(parts[0]!, start.value));
  const address = start.value;
  const bytes = session.readMemory(address, length);
  return success('mem', { kind: 'memory', start: address, bytes }, formatMemory(address, bytes));
}

function setCommand(session: DebugSession, rest: string): CommandResult {
  const equals = rest.indexOf('=');
  if (equals < 0) return failure('set', 'set needs "<register|flag|[address]> = <value>"');
  const left = rest.slice(0, equals).trim();
  const value = session.evaluate(rest.slice(equals + 1).trim());
  if (!value.ok) return failure('set', value.error);
  const memory = /^\[(.+)\]$/.exec(left);
  if (memory) {
    const address = session.evaluate(memory[1]!);
    if (!address.ok) return failure('set', address.error);
    const written = session.writeMemory(address.value, [value.value]);
    if (!written.ok) return failure('set', written.error);
    return success('set', { kind: 'set', target: `[${hexWord(address.value)}]`, value: value.value }, `[${hexWord(address.value)}] = ${hex(value.value)}`);
  }
  const upper = left.toUpperCase();
  const register = REGISTER_NAMES.find((name) => name.toUpperCase() === upper);
  if (register !== undefined) {
    const done = session.setRegister(register, value.value);
    if (!done.ok) return failure('set', done.error);
    const now = session.state[register];
    return success('set', { kind: 'set', target: upper, value: now }, `${upper} = ${hex(now, register === 'pc' ? 4 : 2)}`);
  }
  const letter = REGISTER_FLAGS.find((name) => name === upper);
  if (letter !== undefined) {
    if (value.value !== 0 && value.value !== 1) return failure('set', `a flag is 0 or 1, not ${value.value}`);
    const flag = FLAG_MASK[letter];
    const p = session.state.p;
    session.setRegister('p', value.value === 1 ? p | flag : p & ~flag);
    return success('set', { kind: 'set', target: upper, value: value.value }, `${upper} = ${value.value}`);
  }
  return failure('set', `cannot set "${left}": use a register (A X Y SP PC P), a flag (N V D I Z C) or [address]`);
}

function disasmCommand(session: DebugSession, rest: string): CommandResult {
  const parts = splitArguments(rest);
  let address = session.state.pc;
  let count = 8;
  if (parts[0] !== undefined) {
    const start = session.evaluate(parts[0]);
    if (!start.ok) return failure('disasm', start.error);
    if (!isAddressValue(start.value)) return failure('disasm', notAnAddress(parts[0], start.value));
    address = start.value;
  }
  if (parts[1] !== undefined) {
    const parsed = session.evaluate(parts[1]);
    if (!parsed.ok || parsed.value < 1 || parsed.value > 1000) return failure('disasm', 'count must be 1 to 1000');
    count = parsed.value;
  }
  const lines = session.disassemble(address, count).map((line) => {
    const marker = line.address === session.state.pc ? '>' : ' ';
    const bytes = line.bytes.map((byte) => hexDigits(byte)).join(' ');
    const label = line.label === undefined ? '' : `${line.label}:`;
    const where = line.location === undefined ? '' : `  ; ${line.location.file}:${line.location.line}`;
    return `${marker} ${hexDigits(line.address, 4)}  ${bytes.padEnd(8)}  ${label.padEnd(10)} ${line.text}${where}`.trimEnd();
  });
  return success('disasm', { kind: 'disassembly', lines }, lines.join('\n'));
}

function helpCommand(rest: string): CommandResult {
  if (rest !== '') {
    const command = BY_NAME.get(rest.toLowerCase());
    if (command === undefined) return failure('help', `no command "${rest}"`);
    const aliases = command.aliases.length === 0 ? '' : ` (also: ${command.aliases.join(', ')})`;
    const text = [`${command.usage}${aliases}`, `  ${command.summary}`, ...command.examples.map((example) => `  e.g. ${example}`)].join('\n');
    return success('help', { kind: 'help', topics: [command] }, text);
  }
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  const text = COMMANDS.map((command) => `${command.usage.padEnd(width)}  ${command.summary}`).join('\n');
  return success('help', { kind: 'help', topics: COMMANDS }, text);
}

// ------------------------------------------------------------------ parsing helpers


/** `12` → line 12 of the main file, `file.s:12` → that line, `$0610`/`0x0610` → address, else a label or expression. */
function parseTarget(session: DebugSession, text: string): { ok: true; target: BreakpointTarget } | { ok: false; error: string } {
  if (text === '') return { ok: false, error: 'missing place: a line, address or label' };
  if (/^\d+$/.test(text)) return { ok: true, target: { kind: 'line', file: session.mainFile, line: Number(text) } };
  const fileLine = /^(.+):(\d+)$/.exec(text);
  if (fileLine) return { ok: true, target: { kind: 'line', file: fileLine[1]!, line: Number(fileLine[2]) } };
  if (/^(\$|0x|%)/i.test(text)) {
    const address = parseNumber(text);
    if (address === undefined || address > 0xffff) return { ok: false, error: `"${text}" is not an address` };
    return { ok: true, target: { kind: 'address', address } };
  }
  if (session.symbol(text) !== undefined) return { ok: true, target: { kind: 'label', name: text } };
  const value = session.evaluate(text);
  if (!value.ok) return { ok: false, error: value.error };
  if (!isAddressValue(value.value)) return { ok: false, error: notAnAddress(text, value.value) };
  return { ok: true, target: { kind: 'address', address: value.value } };
}

function isAddressValue(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff;
}

function notAnAddress(text: string, value: number): string {
  return `"${text}" is ${value} — not an address ($0000-$FFFF)`;
}

/** A place for `until`: the addresses of a line, an address, or a label. */
function resolvePlace(session: DebugSession, text: string): { ok: true; addresses: number[] } | { ok: false; error: string } {
  const target = parseTarget(session, text);
  if (!target.ok) return target;
  switch (target.target.kind) {
    case 'address':
      return { ok: true, addresses: [target.target.address] };
    case 'label':
      return { ok: true, addresses: [session.symbol(target.target.name)! & 0xffff] };
    case 'line': {
      const addresses = session.addressesForLine(target.target.file, target.target.line);
      if (addresses.length === 0) return { ok: false, error: `line ${target.target.line} has no instruction` };
      return { ok: true, addresses: [...addresses] };
    }
  }
}

function optionalCount(rest: string, name: string): number | string {
  if (rest === '') return 1;
  const count = parseNumber(rest);
  if (count === undefined || count < 1) return `${name} takes a positive count, not "${rest}"`;
  return count;
}

function noArguments(rest: string, name: string): CommandResult | undefined {
  return rest === '' ? undefined : failure(name, `${name} takes no arguments`);
}

function parseId(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function parseOnOff(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'on' || lower === '1' || lower === 'yes') return true;
  if (lower === 'off' || lower === '0' || lower === 'no') return false;
  return undefined;
}

/** Splits on spaces outside brackets and parentheses, so `mem [$10] 4` keeps `[$10]` whole. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(' || character === '[') depth++;
    if (character === ')' || character === ']') depth--;
    if (/\s/.test(character) && depth === 0) {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

// ------------------------------------------------------------------ formatting (plain text)

function stopped(session: DebugSession, command: string, result: StopResult): CommandResult {
  let headline = describeSessionStop(result.reason, session);
  // A back that only undoes an interrupt entry (stopped on the handler's first instruction) undoes no instruction.
  const wentBack = result.reason.kind === 'step' && command === 'back';
  if (wentBack && result.instructions === 0) headline = 'Went back before the interrupt entry';
  else if (wentBack) headline = `Went back ${-result.instructions} instruction${result.instructions === -1 ? '' : 's'}`;
  else if (result.reason.kind === 'step' && result.instructions > 1) headline = `Stepped ${result.instructions} instructions`;
  const lines = [headline];
  const explanation = session.lastStep?.explanation;
  if (explanation !== undefined && result.instructions === 1) lines.push(explanation);
  lines.push(formatStopState(session, result.state));
  return success(command, { kind: 'stop', result }, lines.join('\n'));
}

/** The registers line plus the next instruction with its label and source line. */
export function formatStopState(session: DebugSession, state: CpuState): string {
  const [next] = session.disassemble(state.pc, 1);
  const where = next?.location === undefined ? '' : `  ; ${next.location.file}:${next.location.line}`;
  const label = next?.label === undefined ? '' : `${next.label}: `;
  return `${formatRegisters(state)}\n${hexWord(state.pc)}  ${label}${next?.text ?? ''}${where}`;
}

/** `A=$0A X=$0A Y=$00 SP=$FD P=$26 nv-bdIZc PC=$0607 cycles=60 instructions=22` */
export function formatRegisters(state: CpuState): string {
  return (
    `${registerLine(state)} cycles=${state.cycles} instructions=${state.instructions}`
  );
}

/** One sentence on why the session stopped, places named by the nearest label (`loop+3`). */
export function describeSessionStop(reason: StopReason, session: DebugSession): string {
  return describeStop(reason, (address) => {
    const label = session.labelBefore(address);
    return label === undefined ? undefined : label.offset === 0 ? label.name : `${label.name}+${label.offset}`;
  });
}

function describeBreakpoint(breakpoint: BreakpointInfo): string {
  const target = breakpoint.target;
  const where =
    target.kind === 'address' ? hexWord(target.address)
    : target.kind === 'label' ? target.name
    : `${target.file}:${target.line}`;
  const addresses = breakpoint.addresses.map((address) => hexWord(address)).join(', ');
  const details = [
    `${breakpoint.id} at ${where}`,
    target.kind === 'address' ? '' : ` (${addresses})`,
    breakpoint.condition === undefined ? '' : ` if ${breakpoint.condition}`,
    breakpoint.ignoreUntil === 0 ? '' : ` from hit ${breakpoint.ignoreUntil + 1}`,
    breakpoint.enabled ? '' : ' [disabled]',
  ];
  return details.join('');
}

function describeWatchpoint(watchpoint: WatchpointInfo): string {
  const range = watchpoint.start === watchpoint.end ? hexWord(watchpoint.start) : `${hexWord(watchpoint.start)}..${hexWord(watchpoint.end)}`;
  const condition = watchpoint.condition === undefined ? '' : ` if ${watchpoint.condition}`;
  return `${watchpoint.id} on ${range} ${watchpoint.access}${condition}${watchpoint.enabled ? '' : ' [disabled]'}`;
}

function formatBreakpointList(breakpoints: readonly BreakpointInfo[], watchpoints: readonly WatchpointInfo[]): string {
  if (breakpoints.length === 0 && watchpoints.length === 0) return 'No breakpoints or watchpoints';
  const lines: string[] = [];
  for (const breakpoint of breakpoints) lines.push(`Breakpoint ${describeBreakpoint(breakpoint)}, hits ${breakpoint.hits}`);
  for (const watchpoint of watchpoints) lines.push(`Watchpoint ${describeWatchpoint(watchpoint)}, hits ${watchpoint.hits}`);
  return lines.join('\n');
}

/** `$0010 = 16 = %00010000 = loop+2`, the ways a 6502 programmer reads a number. */
function formatValue(value: number, session: DebugSession): string {
  const parts = [value < 0 ? `-${hex(-value, -value > 0xff ? 4 : 2)}` : hex(value, value > 0xff ? 4 : 2), String(value)];
  if (value >= 0 && value <= 0xff) parts.push('%' + value.toString(2).padStart(8, '0'));
  if (value >= 0x20 && value < 0x7f) parts.push(`'${String.fromCharCode(value)}'`);
  const label = value >= 0 && value <= 0xffff ? session.labelAt(value) : undefined;
  if (label !== undefined) parts.push(label);
  return parts.join(' = ');
}

/** Rows of 16 bytes: address, hex, and the printable characters. */
export function formatMemory(start: number, bytes: Uint8Array): string {
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hexBytes = Array.from(row, (byte) => hexDigits(byte)).join(' ');
    const text = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    rows.push(`${hexDigits((start + offset) & 0xffff, 4)}  ${hexBytes.padEnd(47)}  ${text}`);
  }
  return rows.join('\n');
}

function formatStack(entries: readonly StackEntry[]): string {
  if (entries.length === 0) return 'The stack is empty (SP=$FF)';
  return entries
    .map((entry) => {
      const call = entry.returnAddress === undefined ? '' : `  ← returns to ${hexWord(entry.returnAddress)}${entry.label === undefined ? '' : ` (from ${entry.label})`}`;
      const unknown = entry.unknown === true ? '  (written by an instruction the debugger cannot follow: not known to be a return address)' : '';
      return `${hexWord(entry.address)}  ${hex(entry.value)}${call}${unknown}`;
    })
    .join('\n');
}

