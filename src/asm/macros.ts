/** Macro expansion helpers: splitting a call's arguments and substituting parameters and .local names in a body line. */

import type { Token } from './lexer.js';

/** Macro arguments: split at top-level commas; `{...}` groups an argument that contains commas. */
export function splitArguments(tokens: readonly Token[]): Token[][] {
  if (tokens.length === 0) return [];
  const result: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'operator') {
      if (token.text === '(' ) depth++;
      else if (token.text === ')') depth = Math.max(0, depth - 1);
      else if (token.text === '{') {
        depth++;
        if (depth === 1) continue;
      } else if (token.text === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) continue;
      } else if (token.text === ',' && depth === 0) {
        result.push([]);
        continue;
      }
    }
    result[result.length - 1]!.push(token);
  }
  return result;
}

/** A body line with parameters replaced by argument tokens, `.local` names made unique and `.paramcount` filled in. */
export function substitute(
  tokens: readonly Token[],
  substitutions: Map<string, readonly Token[]>,
  locals: Map<string, string>,
  parameterCount: number | undefined,
): readonly Token[] {
  if (substitutions.size === 0 && locals.size === 0 && parameterCount === undefined) return tokens;
  const result: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'identifier') {
      const replacement = substitutions.get(token.text);
      if (replacement) {
        // Arguments take the parameter's place in the body line, so carets stay inside the line they are shown on.
        for (const part of replacement) result.push({ ...part, column: token.column, length: token.length });
        continue;
      }
      const local = locals.get(token.text);
      if (local !== undefined) {
        result.push({ ...token, text: local });
        continue;
      }
    }
    if (token.kind === 'directive' && parameterCount !== undefined && token.text.toLowerCase() === '.paramcount') {
      result.push({ kind: 'number', text: String(parameterCount), value: parameterCount, column: token.column, length: token.length });
      continue;
    }
    result.push(token);
  }
  return result;
}
