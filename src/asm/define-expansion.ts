/**
 * `.define` expansion as ca65 does it: a body is expanded where it is defined (with the `.define`s known then)
 * and its result again where it is used (so names defined later expand too), without recursion, so a
 * `.define` that would expand into itself is one located error and a long chain cannot overflow the stack.
 */

import { type Token } from './lexer.js';
import { fail } from './reporting.js';
import { type Assembly, type LineContext } from './state.js';

/** Tokens one line may grow to by expansion: `.define G0 G1 G1`, `.define G1 G2 G2`, ... doubles at each level. */
export const MAX_EXPANDED_TOKENS = 100_000;

/** One `.define` being expanded: its tokens, the next one to read, and the use that started it. */
interface Frame {
  readonly tokens: readonly Token[];
  index: number;
  /** The name whose body these tokens are (undefined for the line itself). */
  readonly name: string | undefined;
  /** Where the outermost use stands in the line: every token it gives is shown there. */
  readonly at: Token | undefined;
}

/**
 * The tokens with every `.define` expanded, fully. `active` holds the names being expanded or defined around
 * this call (meeting one of them again is the error); `keep` names (a body's parameters) are left as they are.
 */
export function expandDefines(
  asm: Assembly,
  context: LineContext,
  tokens: readonly Token[],
  active: Set<string>,
  keep: ReadonlySet<string> = new Set(),
): Token[] {
  const result: Token[] = [];
  const frames: Frame[] = [{ tokens, index: 0, name: undefined, at: undefined }];
  try {
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.index >= frame.tokens.length) {
        frames.pop();
        if (frame.name !== undefined) active.delete(frame.name);
        continue;
      }
      const token = frame.tokens[frame.index++]!;
      const shown = frame.at ? { ...token, column: frame.at.column, length: frame.at.length } : token;
      const expandable = token.kind === 'identifier' && !keep.has(token.text);
      if (expandable && active.has(token.text)) {
        // The name being defined is not a .define yet: then the line itself is where it is defined.
        const where = asm.defines.get(token.text)?.location;
        const through = frames[1]?.name;
        const via = through !== undefined && through !== token.text ? ` (through '${through}')` : '';
        fail(asm, context, frames[1]?.at ?? shown, `'${token.text}' would expand into itself${via}`, 'a .define cannot use itself, directly or through another .define', where ? [{ message: `'${token.text}' is defined here`, location: where }] : []);
      }
      const definition = expandable ? asm.defines.get(token.text) : undefined;
      if (definition === undefined) {
        result.push(shown);
        if (result.length > MAX_EXPANDED_TOKENS) {
          fail(asm, context, frames[1]?.at ?? shown, `expanding this line gives more than ${MAX_EXPANDED_TOKENS.toLocaleString('en-US')} tokens`, 'a .define that names another twice doubles at each level');
        }
        continue;
      }
      let body = definition.body;
      if (definition.parameters !== undefined) {
        const { args, next } = defineArguments(asm, context, shown, frame.tokens, frame.index, definition.parameters.length);
        frame.index = next;
        // Arguments are expanded on their own first, so `INC1(INC1(1))` is not taken for recursion.
        const byName = new Map(definition.parameters.map((name, position) => [name, expandDefines(asm, context, args[position]!, active)]));
        const substituted: Token[] = [];
        for (const part of body) {
          const argument = part.kind === 'identifier' ? byName.get(part.text) : undefined;
          if (argument) substituted.push(...argument);
          else substituted.push(part);
        }
        body = substituted;
      }
      active.add(token.text);
      frames.push({ tokens: body, index: 0, name: token.text, at: frame.at ?? token });
    }
  } finally {
    for (const frame of frames) if (frame.name !== undefined) active.delete(frame.name);
  }
  return result;
}

/** The line with its `.define`s expanded; lines that name a `.define` rather than use it are left alone. */
export function substituteDefines(asm: Assembly, context: LineContext, tokens: readonly Token[]): readonly Token[] {
  const first = tokens[0];
  if (first && first.kind === 'directive') {
    const word = first.text.toLowerCase();
    if (word === '.define' || word === '.undefine' || word === '.ifdef' || word === '.ifndef') return tokens;
  }
  if (!tokens.some((token) => token.kind === 'identifier' && asm.defines.has(token.text))) return tokens;
  return expandDefines(asm, context, tokens, new Set());
}

/** The arguments of a `.define` with parameters, from `start`; `next` is the index after them. */
function defineArguments(asm: Assembly, context: LineContext, name: Token, tokens: readonly Token[], start: number, count: number): { args: Token[][]; next: number } {
  const open = tokens[start];
  const parenthesised = open !== undefined && open.kind === 'operator' && open.text === '(';
  let index = parenthesised ? start + 1 : start;
  const args: Token[][] = [[]];
  let depth = 0;
  for (; index < tokens.length; index++) {
    const token = tokens[index]!;
    const text = token.kind === 'operator' ? token.text : '';
    if (text === '(' || text === '{') depth++;
    if (text === ')' || text === '}') {
      if (depth === 0 && parenthesised && text === ')') break;
      depth--;
    }
    if (depth === 0 && text === ',') {
      if (!parenthesised && args.length === count) break;
      args.push([]);
      continue;
    }
    args[args.length - 1]!.push(token);
  }
  if (parenthesised && index >= tokens.length) fail(asm, context, name, `'(' after ${name.text} is never closed`);
  const given = args.length === 1 && args[0]!.length === 0 ? 0 : args.length;
  if (given !== count) fail(asm, context, name, `${name.text} takes ${count} argument${count === 1 ? '' : 's'}, found ${given}`);
  return { args, next: parenthesised ? index + 1 : index };
}
