/**
 * ca65's token functions, applied to a line's tokens before the line is read, the way ca65's scanner applies
 * them: `.concat`, `.sprintf`, `.string`, `.ident`, `.left`, `.right` and `.mid` become the tokens they make;
 * `.match`, `.xmatch`, `.tcount`, `.blank`, `.const`, `.ismnemonic` and `.version` become numbers.
 * Inner calls are applied first, so `.ident(.concat("a", "b"))` and `.match(.left(1, {arg}), #)` work.
 */

import { evaluate, isParseProblem, parseExpression, TokenCursor } from './expressions.js';
import { evaluationFor, currentScope } from './evaluation.js';
import { hexDigits } from '../shared/hex.js';
import type { Token } from './lexer.js';
import { acceptedOpcodes } from './operands.js';
import { fail } from './reporting.js';
import type { Assembly, LineContext } from './state.js';

/** ca65 2.18's `.version` (major * $100 + minor * $10), the cc65 Debian ships: moth reads that ca65's sources. */
export const CA65_VERSION = 0x320;

const FUNCTIONS = new Set([
  '.concat', '.sprintf', '.string', '.ident', '.left', '.right', '.mid',
  '.match', '.xmatch', '.tcount', '.blank', '.const', '.ismnemonic', '.ismnem',
]);

/** True when the line holds a token function or `.version`/`.time`, so only such lines pay for the walk. */
export function hasTokenFunction(tokens: readonly Token[]): boolean {
  for (const token of tokens) {
    if (token.kind !== 'directive') continue;
    const word = token.text.toLowerCase();
    if (FUNCTIONS.has(word) || word === '.version' || word === '.time') return true;
  }
  return false;
}

/** The line's tokens with every token function applied; errors are located at the call. */
export function expandTokenFunctions(asm: Assembly, context: LineContext, tokens: readonly Token[]): Token[] {
  const result: Token[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const word = token.kind === 'directive' ? token.text.toLowerCase() : '';
    if (word === '.version') {
      result.push(numberToken(CA65_VERSION, token, token.length));
      continue;
    }
    if (word === '.time') {
      result.push(numberToken(asm.time, token, token.length));
      continue;
    }
    if (!FUNCTIONS.has(word)) {
      result.push(token);
      continue;
    }
    const open = tokens[index + 1];
    if (!isOperator(open, '(')) fail(asm, context, open ?? token, `expected '(' after ${token.text}`);
    const close = matchingClose(tokens, index + 1);
    if (close < 0) fail(asm, context, open, `'(' of ${token.text} is never closed`, "add ')' after its arguments");
    const inner = expandTokenFunctions(asm, context, tokens.slice(index + 2, close));
    const end = tokens[close]!;
    const span = end.column + end.length - token.column;
    result.push(...apply(asm, context, token, word, splitArguments(inner), span));
    index = close;
  }
  return result;
}

function apply(asm: Assembly, context: LineContext, call: Token, word: string, args: Token[][], span: number): Token[] {
  const expectCount = (count: number, shape: string): void => {
    if (args.length !== count) fail(asm, context, call, `${call.text} takes ${shape}, found ${args.length} argument${args.length === 1 ? '' : 's'}`);
  };
  switch (word) {
    case '.concat': {
      const parts = args.map((arg) => singleString(asm, context, call, arg));
      return [stringToken(parts.join(''), call, span)];
    }
    case '.sprintf': {
      if (args.length === 0) fail(asm, context, call, '.sprintf needs a format string');
      const format = singleString(asm, context, call, args[0]!);
      return [stringToken(sprintf(asm, context, call, format, args.slice(1)), call, span)];
    }
    case '.string': {
      expectCount(1, 'one argument');
      const arg = unbrace(args[0]!);
      if (arg.length === 1 && arg[0]!.kind === 'string') return [stringToken(arg[0]!.text, call, span)];
      if (arg.length > 0 && arg.every((token) => token.kind === 'identifier' || isOperator(token, '::'))) return [stringToken(arg.map((token) => token.text).join(''), call, span)];
      return [stringToken(String(constant(asm, context, call, arg)), call, span)];
    }
    case '.ident': {
      expectCount(1, 'one string');
      const name = singleString(asm, context, call, args[0]!);
      if (!/^@?[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(asm, context, call, `'${name}' is not a valid name for .ident`);
      return [{ kind: name.startsWith('@') ? 'local' : 'identifier', text: name, value: 0, column: call.column, length: span }];
    }
    case '.left':
    case '.right': {
      expectCount(2, 'a count and a token list');
      const count = constant(asm, context, call, args[0]!);
      const list = unbrace(args[1]!);
      if (count < 0 || count > list.length) fail(asm, context, call, `${call.text}: count ${count} is outside 0..${list.length}, the length of the token list`);
      return relocate(word === '.left' ? list.slice(0, count) : list.slice(list.length - count), call, span);
    }
    case '.mid': {
      expectCount(3, 'a start, a count and a token list');
      const start = constant(asm, context, call, args[0]!);
      const count = constant(asm, context, call, args[1]!);
      const list = unbrace(args[2]!);
      if (start < 0 || count < 0 || start + count > list.length) fail(asm, context, call, `.mid: tokens ${start} to ${start + count - 1} are outside the token list of ${list.length}`);
      return relocate(list.slice(start, start + count), call, span);
    }
    case '.tcount':
      return [numberToken(unbrace(args.length === 0 ? [] : joinArguments(args)).length, call, span)];
    case '.blank':
      return [numberToken(unbrace(args.length === 0 ? [] : joinArguments(args)).length === 0 ? 1 : 0, call, span)];
    case '.match':
    case '.xmatch': {
      expectCount(2, 'two token lists');
      return [numberToken(tokensMatch(unbrace(args[0]!), unbrace(args[1]!), word === '.xmatch') ? 1 : 0, call, span)];
    }
    case '.const': {
      expectCount(1, 'one expression');
      return [numberToken(constantOrUndefined(asm, context, call, args[0]!) === undefined ? 0 : 1, call, span)];
    }
    default: {
      // .ismnemonic / .ismnem
      expectCount(1, 'one name');
      const arg = unbrace(args[0]!);
      const name = arg.length === 1 && arg[0]!.kind === 'identifier' ? arg[0]!.text.toUpperCase() : '';
      return [numberToken(name !== '' && acceptedOpcodes(asm).has(name) ? 1 : 0, call, span)];
    }
  }
}

/** ca65's printf: %d %i %u %x %X %o %c %s %% with flags, width and precision (its `-` works the other way round for %s and %c). */
function sprintf(asm: Assembly, context: LineContext, call: Token, format: string, args: Token[][]): string {
  let next = 0;
  const take = (): Token[] => {
    const arg = args[next++];
    if (arg === undefined) fail(asm, context, call, `.sprintf: the format "${format}" needs more arguments than the ${args.length} given`);
    return arg;
  };
  const out = format.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([diuxXocs%])/g, (_, flags: string, width: string, precision: string | undefined, conversion: string) => {
    if (conversion === '%') return '%';
    let text: string;
    let numeric = true;
    if (conversion === 's') {
      text = singleString(asm, context, call, take());
      if (precision !== undefined) text = text.slice(0, Number(precision));
      numeric = false;
    } else if (conversion === 'c') {
      text = String.fromCharCode(constant(asm, context, call, take()) & 0xff);
      numeric = false;
    } else {
      const value = constant(asm, context, call, take());
      const magnitude = Math.abs(value);
      let digits = conversion === 'x' ? hexDigits(magnitude, 1).toLowerCase() : conversion === 'X' ? hexDigits(magnitude, 1) : conversion === 'o' ? magnitude.toString(8) : String(magnitude);
      if (precision !== undefined) digits = digits.padStart(Number(precision), '0');
      if (flags.includes('#') && value !== 0) digits = (conversion === 'x' ? '0x' : conversion === 'X' ? '0X' : conversion === 'o' ? '0' : '') + digits;
      const sign = value < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      text = sign + digits;
      if (flags.includes('0') && !flags.includes('-') && precision === undefined && width !== '') text = sign + digits.padStart(Number(width) - sign.length, '0');
    }
    const size = width === '' ? 0 : Number(width);
    const left = numeric ? flags.includes('-') : !flags.includes('-');
    return left ? text.padEnd(size) : text.padStart(size);
  });
  if (next < args.length) fail(asm, context, call, `.sprintf: ${args.length - next} argument${args.length - next === 1 ? '' : 's'} more than the format "${format}" uses`);
  return out;
}

/** Token lists match when each pair has the same kind (`.match`), and also the same value (`.xmatch`). */
function tokensMatch(first: readonly Token[], second: readonly Token[], exact: boolean): boolean {
  if (first.length !== second.length) return false;
  return first.every((token, index) => {
    const other = second[index]!;
    if (matchClass(token) !== matchClass(other)) return false;
    if (!exact) return true;
    if (token.kind === 'number') return token.value === other.value;
    return token.text === other.text;
  });
}

/** What ca65's scanner would call the token: A, X and Y are register tokens, a character constant is not a number. */
function matchClass(token: Token): string {
  switch (token.kind) {
    case 'identifier':
      return /^[axy]$/i.test(token.text) ? `register ${token.text.toUpperCase()}` : 'identifier';
    case 'number':
      return token.text.startsWith("'") ? 'character' : 'number';
    case 'operator':
      return `operator ${token.text}`;
    case 'directive':
      return `directive ${token.text.toLowerCase()}`;
    default:
      return token.kind;
  }
}

function singleString(asm: Assembly, context: LineContext, call: Token, arg: readonly Token[]): string {
  const tokens = unbrace(arg);
  if (tokens.length !== 1 || tokens[0]!.kind !== 'string') fail(asm, context, tokens[0] ?? call, `${call.text} needs a string in double quotes here`);
  return tokens[0]!.text;
}

function constantOrUndefined(asm: Assembly, context: LineContext, call: Token, arg: readonly Token[]): number | undefined {
  const tokens = unbrace(arg);
  if (tokens.length === 0) fail(asm, context, call, `${call.text} needs an expression here`);
  const cursor = new TokenCursor(tokens);
  const expression = parseExpression(cursor);
  if (isParseProblem(expression)) fail(asm, context, expression.token ?? call, `${call.text}: ${expression.message}`);
  const extra = cursor.peek();
  if (extra) fail(asm, context, extra, `unexpected '${extra.text}' in an argument of ${call.text}`);
  // As in ca65, a label whose address the linker decides is not a constant here.
  const saved = asm.evaluationConstantsOnly;
  asm.evaluationConstantsOnly = true;
  try {
    return evaluate(expression, evaluationFor(asm, currentScope(asm), context, false));
  } finally {
    asm.evaluationConstantsOnly = saved;
  }
}

function constant(asm: Assembly, context: LineContext, call: Token, arg: readonly Token[]): number {
  const value = constantOrUndefined(asm, context, call, arg);
  if (value === undefined) fail(asm, context, unbrace(arg)[0] ?? call, `this argument of ${call.text} must be a constant known here`);
  return value;
}

/** Splits at commas outside parentheses and braces. */
function splitArguments(tokens: readonly Token[]): Token[][] {
  if (tokens.length === 0) return [];
  const args: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isOperator(token, '(') || isOperator(token, '{')) depth++;
    if (isOperator(token, ')') || isOperator(token, '}')) depth--;
    if (depth === 0 && isOperator(token, ',')) args.push([]);
    else args[args.length - 1]!.push(token);
  }
  return args;
}

/** The arguments as written, commas included (`.tcount(a, b)` counts the comma as ca65 does). */
function joinArguments(args: readonly Token[][]): Token[] {
  const joined: Token[] = [];
  args.forEach((arg, index) => {
    if (index > 0) joined.push({ kind: 'operator', text: ',', value: 0, column: arg[0]?.column ?? 0, length: 1 });
    joined.push(...arg);
  });
  return joined;
}

/** A token list may be wrapped in braces: `{lda #1}`. */
function unbrace(tokens: readonly Token[]): Token[] {
  if (tokens.length >= 2 && isOperator(tokens[0], '{') && isOperator(tokens[tokens.length - 1], '}')) return tokens.slice(1, -1);
  return [...tokens];
}

function matchingClose(tokens: readonly Token[], openIndex: number): number {
  let depth = 0;
  for (let index = openIndex; index < tokens.length; index++) {
    if (isOperator(tokens[index], '(')) depth++;
    if (isOperator(tokens[index], ')') && --depth === 0) return index;
  }
  return -1;
}

function isOperator(token: Token | undefined, text: string): token is Token {
  return token !== undefined && token.kind === 'operator' && token.text === text;
}

/** Made tokens stand where the call stood, so errors about them point at it. */
function relocate(tokens: readonly Token[], call: Token, span: number): Token[] {
  return tokens.map((token) => ({ ...token, column: call.column, length: span }));
}

function numberToken(value: number, call: Token, span: number): Token {
  return { kind: 'number', text: String(value), value, column: call.column, length: span };
}

function stringToken(text: string, call: Token, span: number): Token {
  return { kind: 'string', text, value: 0, column: call.column, length: span };
}
