/** Defining names: labels, cheap locals, unnamed labels, constants and .set variables, .define, and the .proc/.scope scopes they live in. */

import { expandDefines } from './define-expansion.js';
import { currentScope, evaluateNow, sizeNow, expectEnd, learned, parseFullExpression } from './evaluation.js';
import { type Expression, TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { fail } from './reporting.js';
import { type Assembly, type LineContext, type Section } from './state.js';
import { localKey, scopedKey, type SymbolKind, type SymbolRecord, unnamedKey } from './symbols.js';

export function defineSymbol(
  asm: Assembly,
  context: LineContext,
  token: Token,
  key: string,
  kind: SymbolKind,
  value: number | undefined,
  pending: SymbolRecord['pending'],
  settable: boolean,
  at?: SymbolRecord['at'],
): void {
  const existing = asm.symbols.get(key);
  const location = { file: context.file, line: context.line, column: token.column + 1 };
  if (value !== undefined || at !== undefined) learned();
  if (at !== undefined) asm.labelLineOpen = true; // its .sizeof is known once this line ends (newLine)
  if (existing && existing.kind === 'import') {
    // `.global name` before the definition: the name was an import until now, and becomes an export.
    if (!asm.exported.has(key)) fail(asm, context, token, `'${token.text}' is imported, so it cannot be defined here too`, undefined, [{ message: 'imported here', location: existing.location }]);
    asm.symbols.delete(key);
  } else if (existing) {
    if (existing.settable && settable) {
      existing.value = value;
      existing.pending = pending;
      learned(); // a new value, or a new expression (its earlier failures say nothing about it)
      return;
    }
    fail(asm, context, token, `'${token.text}' is already defined`, 'each label or constant can be defined only once (use .set for a variable)', [
      { message: `'${token.text}' was first defined here`, location: existing.location },
    ]);
  }
  if (at) (at.section as Section).labels++;
  asm.symbols.set(key, {
    name: key,
    kind,
    value,
    at,
    pending,
    resolving: false,
    failed: false,
    settable,
    location,
    lineIndex: asm.currentLineIndex,
  });
}

export function defineLabel(asm: Assembly, context: LineContext, token: Token): void {
  const key = scopedKey(asm.scopePath, token.text);
  defineSymbol(asm, context, token, key, 'label', undefined, undefined, false, here(asm));
  asm.cheapScope = key;
}

export function defineLocalLabel(asm: Assembly, context: LineContext, token: Token): void {
  defineSymbol(asm, context, token, localKey(asm.cheapScope, token.text), 'local', undefined, undefined, false, here(asm));
}

export function defineUnnamedLabel(asm: Assembly, context: LineContext, token: Token): void {
  defineSymbol(asm, context, token, unnamedKey(asm.unnamedCount), 'unnamed', undefined, undefined, false, here(asm));
  asm.unnamedCount++;
}

export function here(asm: Assembly): { section: Section; offset: number } {
  return { section: asm.section, offset: asm.section.pc };
}

export function assignment(asm: Assembly, context: LineContext, name: Token, cursor: TokenCursor, settable: boolean): void {
  let expression: Expression;
  try {
    expression = parseFullExpression(asm, context, cursor, name);
  } catch (error) {
    // Later uses of a name whose definition was wrong stay quiet: one error, not one per use.
    asm.failedNames.add(name.text);
    throw error;
  }
  const scope = currentScope(asm);
  const value = evaluateNow(asm, expression, scope, context);
  const key = name.kind === 'local' ? localKey(asm.cheapScope, name.text) : definitionKey(asm, name);
  const kind: SymbolKind = name.kind === 'local' ? 'local' : 'constant';
  const pending = value === undefined ? { expression, scope, lineIndex: asm.currentLineIndex } : undefined;
  defineSymbol(asm, context, name, key, kind, value, pending, settable);
  // ca65 fixes a symbol's address size when it is defined, from what its expression is then.
  const size = pending ? sizeNow(asm, expression, scope, context) : 'unknown';
  asm.symbols.get(key)!.addressSize = size === 'unknown' ? undefined : size;
  if (size !== 'unknown') learned();
}

/** The key for a name being defined here; `a::b` names cannot be defined from outside their scope. */
export function definitionKey(asm: Assembly, name: Token): string {
  return scopedKey(asm.scopePath, name.text);
}

export function define(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  const name = cursor.next();
  if (!name || name.kind !== 'identifier') fail(asm, context, name ?? head, 'expected a name after .define');
  // `.define NAME(p1, p2) body`: parameters only when '(' touches the name, as in ca65.
  let parameters: string[] | undefined;
  const open = cursor.peek();
  if (open && open.kind === 'operator' && open.text === '(' && open.column === name.column + name.length) {
    cursor.next();
    parameters = [];
    for (;;) {
      const parameter = cursor.next();
      if (!parameter || parameter.kind !== 'identifier') fail(asm, context, parameter ?? open, `expected a parameter name in .define ${name.text}(...)`);
      if (/^[axy]$/i.test(parameter.text)) fail(asm, context, parameter, `'${parameter.text}' is a register name, which ca65 does not take as a parameter`, 'choose another name');
      parameters.push(parameter.text);
      const separator = cursor.next();
      if (separator && separator.kind === 'operator' && separator.text === ')') break;
      if (!separator || separator.kind !== 'operator' || separator.text !== ',') fail(asm, context, separator ?? parameter, "expected ',' or ')' after a parameter");
    }
  }
  let body: Token[];
  try {
    body = expandDefines(asm, context, cursor.tokens.slice(cursor.index), new Set([name.text]), new Set(parameters));
  } catch (error) {
    // Uses of a .define whose body was wrong stay quiet: one error, not one per use.
    asm.failedNames.add(name.text);
    throw error;
  }
  asm.defines.set(name.text, { parameters, body, location: { file: context.file, line: context.line, column: name.column + 1 } });
}

/** `.proc name` is a label plus a scope; `.scope [name]` only a scope. Names inside are `name::inner`. */
export function openScope(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor, isProc: boolean): void {
  const name = cursor.next();
  const bad = (name !== undefined && name.kind !== 'identifier') || (name === undefined && isProc);
  if (bad) {
    // Open a scope anyway, so the matching .endproc/.endscope does not become a second error.
    const anonymous = `__scope${++asm.anonymousScopes}`;
    asm.openScopes.push({ name: anonymous, context, token: head, outerPath: asm.scopePath });
    asm.scopePath = scopedKey(asm.scopePath, anonymous);
    if (name) fail(asm, context, name, `expected a name after '${head.text}'`);
    fail(asm, context, head, '.proc needs a name', 'write e.g. .proc print');
  }
  // ca65 also accepts an address-size suffix (`: near`); it changes nothing here.
  if (isProc && name) defineLabel(asm, context, name);
  const scopeName = name ? name.text : `__scope${++asm.anonymousScopes}`;
  asm.openScopes.push({ name: scopeName, context, token: head, outerPath: asm.scopePath, start: { section: asm.section, pc: asm.section.pc } });
  asm.scopePath = scopedKey(asm.scopePath, scopeName);
  if (isProc) asm.cheapScope = asm.scopePath;
}

export function closeScope(asm: Assembly, context: LineContext, head: Token, cursor: TokenCursor): void {
  expectEnd(asm, context, cursor);
  if (asm.openScopes.length === 0) fail(asm, context, head, `'${head.text}' without a matching ${head.text.toLowerCase() === '.endproc' ? '.proc' : '.scope'}`);
  const closed = asm.openScopes.pop()!;
  // `.sizeof(name)` of a scope is the bytes between its start and its end (when they are in one section).
  if (closed.start && closed.start.section === asm.section) asm.scopeSizes.set(asm.scopePath, asm.section.pc - closed.start.pc);
  asm.scopePath = closed.outerPath;
}
