/** .if/.elseif/.else/.endif and the .ifdef family: which lines are assembled. */

import { currentScope, evaluateNow, evaluateRequired, expectEnd, parseFullExpression, resolveName } from './evaluation.js';
import { TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { fail } from './reporting.js';
import { type Assembly, type Conditional, type LineContext } from './state.js';
import { localKey } from './symbols.js';

export function conditional(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, word: string): void {
  const top = asm.conditionals[asm.conditionals.length - 1];
  switch (word) {
    case '.if':
    case '.ifdef':
    case '.ifndef':
    case '.ifblank':
    case '.ifnblank':
    case '.ifconst': {
      const parentActive = isActive(asm);
      const entry: Conditional = { active: false, taken: false, parentActive, sawElse: false, context, token: head };
      asm.conditionals.push(entry);
      if (!parentActive) return;
      const value = condition(asm, context, word, head, cursor);
      entry.active = value;
      entry.taken = value;
      return;
    }
    case '.elseif': {
      if (!top) fail(asm, context, head, "'.elseif' without a matching .if");
      if (top.sawElse) fail(asm, context, head, "'.elseif' after '.else'");
      if (!top.parentActive || top.taken) {
        top.active = false;
        return;
      }
      const value = condition(asm, context, '.if', head, cursor);
      top.active = value;
      top.taken = value;
      return;
    }
    case '.else':
      if (!top) fail(asm, context, head, "'.else' without a matching .if");
      if (top.sawElse) fail(asm, context, head, "a second '.else' for the same .if", undefined, [{ message: 'the .if starts here', location: { file: top.context.file, line: top.context.line, column: top.token.column + 1 } }]);
      top.sawElse = true;
      top.active = top.parentActive && !top.taken;
      top.taken = true;
      expectEnd(asm, context, cursor);
      return;
    case '.endif':
      if (!top) fail(asm, context, head, "'.endif' without a matching .if");
      asm.conditionals.pop();
      expectEnd(asm, context, cursor);
      return;
  }
}

export function condition(asm: Assembly, context: LineContext, word: string, head: Token, cursor: TokenCursor): boolean {
  if (word === '.ifblank' || word === '.ifnblank') return (cursor.atEnd()) === (word === '.ifblank');
  if (word === '.ifdef' || word === '.ifndef') {
    const name = cursor.next();
    if (!name || (name.kind !== 'identifier' && name.kind !== 'local')) fail(asm, context, name ?? head, `'${head.text}' needs a symbol name`);
    expectEnd(asm, context, cursor);
    const key = name.kind === 'local' ? localKey(asm.cheapScope, name.text) : resolveName(asm, name.text, asm.scopePath);
    const defined = asm.symbols.has(key) || asm.defines.has(name.text);
    return defined === (word === '.ifdef');
  }
  const expression = parseFullExpression(asm, context, cursor, head);
  if (word === '.ifconst') return evaluateNow(asm, expression, currentScope(asm), context) !== undefined;
  return evaluateRequired(asm, expression, context, `the condition of ${head.text}`) !== 0;
}

export function isActive(asm: Assembly): boolean {
  const top = asm.conditionals[asm.conditionals.length - 1];
  return top === undefined || top.active;
}
