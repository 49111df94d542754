/** Expression glue: parsing a statement's expressions and evaluating them against the symbol table, now (layout pass), for sizing, or finally (emit pass). */

import { closestMatch } from './diagnostics.js';
import { evaluate, type EvaluationContext, type Expression, findSymbol, isParseProblem, parseExpression, TokenCursor } from './expressions.js';
import { type Token } from './lexer.js';
import { operandSize, type OperandSize } from './operands.js';
import { fail, report } from './reporting.js';
import { type Assembly, type LineContext, lineStartToken, type Section, StatementAbort } from './state.js';
import { type EvaluationScope, localKey, resolveScopedName, scopePc, type SymbolRecord, unnamedKey } from './symbols.js';

/**
 * Grows whenever something happens that can turn an unknown value or size into a known one, in any assembly of
 * this process: a symbol gets a value, an address or a size, a label's line ends (its `.sizeof` is known), a
 * section is placed, imports are wired. A pending constant that failed to resolve since the last change cannot
 * resolve now, so it is not tried again: without that, every line defining a constant in terms of a chain of
 * unresolved ones walked the whole chain (1,000 constants defined from the far end of their chain took 42 s). One
 * counter for all assemblies, because linked modules read each other's symbols; it only ever grows.
 */
let knowledge = 0;

/** Says that something became known (see `knowledge`). */
export function learned(): void {
  knowledge++;
}

/**
 * Remembered failures, as a number: `knowledge` then, times 4, plus a bit for each way of evaluating that failed
 * (1: values, 2: constants only, as sizeNow evaluates). A pass sizes and evaluates a constant alternately, so
 * both are kept.
 */
function evaluationBit(asm: Assembly): number {
  return asm.evaluationConstantsOnly ? 2 : 1;
}

/** Whether `remembered` says this failed with nothing learned since, evaluated the way `asm` evaluates now. */
function failedSinceLearned(asm: Assembly, remembered: number | undefined): boolean {
  return remembered !== undefined && Math.floor(remembered / 4) === knowledge && ((remembered % 4) & evaluationBit(asm)) !== 0;
}

/** `remembered` with a failure now added. */
function withFailure(asm: Assembly, remembered: number | undefined): number {
  // Division, not shifts: `knowledge` only grows, and may pass 2^29 in a long-lived process.
  const still = remembered !== undefined && Math.floor(remembered / 4) === knowledge ? remembered % 4 : 0;
  return knowledge * 4 + (still | evaluationBit(asm));
}

/** The symbol a name means from the given scope (see resolveScopedName). */
export function resolveName(asm: Assembly, name: string, scopePath: string): string {
  if (scopePath === '' && !name.startsWith('::')) return name;
  return resolveScopedName(name, scopePath, (key) => asm.symbols.has(key));
}

/** The scope of the statement at the current program counter (or at `offset` in the current section). */
export function currentScope(asm: Assembly, offset = asm.section.pc): EvaluationScope {
  return { cheapScope: asm.cheapScope, unnamedCount: asm.unnamedCount, scopePath: asm.scopePath, section: asm.section, offset };
}

export function parseFullExpression(asm: Assembly, context: LineContext, cursor: TokenCursor, after: Token): Expression {
  const result = parseExpression(cursor);
  if (isParseProblem(result)) {
    fail(asm, context, result.token ?? undefined, result.token ? result.message : `${result.message} at the end of the line`, result.token ? undefined : `'${after.text}' needs a value after it`);
  }
  const extra = cursor.peek();
  if (extra) fail(asm, context, extra, `unexpected '${extra.text}' after the expression`);
  return result;
}

/** Parses a comma-separated list of expressions (or strings) until the end of the statement. */
export function parseList(asm: Assembly, context: LineContext, cursor: TokenCursor, directive: Token, allowStrings: boolean): (Expression | Token)[] {
  const items: (Expression | Token)[] = [];
  if (cursor.atEnd()) fail(asm, context, undefined, `'${directive.text}' needs at least one value`);
  for (;;) {
    const token = cursor.peek();
    if (allowStrings && token && token.kind === 'string') {
      const following = cursor.peek(1);
      if (!following || (following.kind === 'operator' && following.text === ',')) {
        cursor.next();
        items.push(token);
        if (!cursor.atEnd()) cursor.next();
        else break;
        if (cursor.atEnd()) fail(asm, context, undefined, 'expected a value after the last comma');
        continue;
      }
    }
    const result = parseExpression(cursor);
    if (isParseProblem(result)) fail(asm, context, result.token, result.message);
    items.push(result);
    if (cursor.atEnd()) break;
    const comma = cursor.next()!;
    if (comma.kind !== 'operator' || comma.text !== ',') fail(asm, context, comma, `expected ',' between values, found '${comma.text}'`);
    if (cursor.atEnd()) fail(asm, context, undefined, 'expected a value after the last comma');
  }
  return items;
}

export function expectEnd(asm: Assembly, context: LineContext, cursor: TokenCursor): void {
  const extra = cursor.peek();
  if (extra) fail(asm, context, extra, `unexpected '${extra.text}'`);
}

/** Value with what is known at this point of the layout pass; undefined for forward references. */
export function evaluateNow(asm: Assembly, expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
  return evaluate(expression, evaluationFor(asm, scope, context, false));
}

/**
 * The operand size for the zero-page rule. Labels of a section ca65 would keep relocatable (CODE before any
 * .org, and the segments placed after layout) are not constants to ca65, so they size as absolute, not by value.
 */
export function sizeNow(asm: Assembly, expression: Expression, scope: EvaluationScope, context: LineContext): OperandSize {
  const saved = asm.evaluationConstantsOnly;
  asm.evaluationConstantsOnly = true;
  try {
    return operandSize(
      expression,
      (node) => evaluate(node, evaluationFor(asm, scope, context, false)),
      (leaf) => leafSize(asm, leaf, scope, context),
    );
  } finally {
    asm.evaluationConstantsOnly = saved;
  }
}

/**
 * The size of one symbol whose value is not a constant yet, as ca65 studies it: a label of a relocatable
 * segment has the segment's size; a constant defined by an expression has the size fixed at its definition
 * (`<`, `>`, `^` make zero page) or else the size its expression has now; anything else is not known.
 */
function leafSize(asm: Assembly, leaf: Expression, scope: EvaluationScope, context: LineContext): OperandSize {
  if (leaf.kind === 'pc') return scope.section.relocatable ? 'absolute' : 'unknown';
  const record = recordOf(asm, leaf, scope);
  if (!record) return 'unknown';
  const section = record.at?.section as Section | undefined;
  if (section) return section.relocatable ? (section.segment.zeroPage ? 'zeroPage' : 'absolute') : 'unknown';
  if (record.addressSize !== undefined) return record.addressSize;
  if (!record.pending || record.resolving) return 'unknown';
  if (failedSinceLearned(asm, record.sizeUnknownAt)) return 'unknown'; // nothing learned since it came out unknown
  record.resolving = true;
  try {
    const size = sizeNow(asm, record.pending.expression, record.pending.scope, context);
    if (size === 'unknown') record.sizeUnknownAt = withFailure(asm, record.sizeUnknownAt);
    return size;
  } finally {
    record.resolving = false;
  }
}

export function recordOf(asm: Assembly, leaf: Expression, scope: EvaluationScope): SymbolRecord | undefined {
  if (leaf.kind === 'symbol') return asm.symbols.get(resolveName(asm, leaf.name, scope.scopePath));
  if (leaf.kind === 'local') return asm.symbols.get(localKey(scope.cheapScope, leaf.name));
  if (leaf.kind === 'unnamed') {
    const index = leaf.distance > 0 ? scope.unnamedCount + leaf.distance - 1 : scope.unnamedCount + leaf.distance;
    return asm.symbols.get(unnamedKey(index));
  }
  return undefined;
}

/** Value with every symbol known; reports undefined symbols against the given line. */
export function evaluateFinal(asm: Assembly, expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
  return evaluate(expression, evaluationFor(asm, scope, context, true));
}

/** A value that must be known now (.org, .res, .if ...), or a teaching error naming the unknown symbol. */
export function evaluateRequired(asm: Assembly, expression: Expression, context: LineContext, what: string): number {
  const scope = currentScope(asm);
  const errorsBefore = asm.errorCount;
  const value = evaluate(expression, evaluationFor(asm, scope, context, false, false));
  if (value !== undefined) return value;
  // A division by zero was reported already; one error per line is enough.
  if (asm.errorCount !== errorsBefore) throw new StatementAbort();
  const relative = valueWhateverThePlacement(asm, expression, scope, context);
  if (relative !== undefined) return relative;
  const unknown = findSymbol(expression, (leaf) => evaluate(leaf, evaluationFor(asm, scope, context, false)) === undefined);
  const name = unknown ? unknown.token.text : 'a symbol';
  const record = unknown && unknown.kind === 'symbol' ? asm.symbols.get(unknown.name) : undefined;
  if (record?.at && !record.at.section.placed) {
    fail(asm, 
      context,
      unknown!.token,
      `${what} must be known when this line is reached, but '${name}' is in a segment placed only after the whole program is laid out`,
      'use .org in that segment, or put the label in CODE',
    );
  }
  if (!unknown) {
    fail(asm, context, expression.token, `${what} must be known when this line is reached, but '*' is not known in a segment without .org`, 'use .org in this segment');
  }
  fail(asm, 
    context,
    unknown.token,
    `${what} must be known when this line is reached, but '${name}' ${record ? 'depends on a symbol defined later' : 'is not defined yet'}`,
    'define it above this line: sizes and addresses are fixed in one pass, in source order',
  );
}

/**
 * `end - start` inside a segment placed only after layout is still a constant: whatever address the segment
 * gets, the difference is the same (ca65 accepts it too). Tried with two trial placements of every unplaced
 * section; the value counts only if both agree.
 */
export function valueWhateverThePlacement(asm: Assembly, expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
  const unplaced: Section[] = [];
  for (const segment of asm.segments.values()) for (const section of segment.sections) if (!section.placed) unplaced.push(section);
  if (unplaced.length === 0) return undefined;
  const trial = (shift: number): number | undefined => {
    for (const section of unplaced) {
      section.placed = true;
      section.shift = shift;
    }
    learned();
    try {
      return evaluate(expression, evaluationFor(asm, scope, context, false));
    } finally {
      for (const section of unplaced) {
        section.placed = false;
        section.shift = 0;
      }
      learned(); // what the trial placement made known is unknown again: its remembered failures must not hold
    }
  };
  const first = trial(0x1000);
  return first !== undefined && first === trial(0x2357) ? first : undefined;
}

export function evaluationFor(asm: Assembly, scope: EvaluationScope, context: LineContext, final: boolean, quiet = !final): EvaluationContext {
  asm.evaluationScope = scope;
  asm.evaluationLine = context;
  asm.evaluationFinal = final;
  asm.evaluationQuiet = quiet;
  return (asm.evaluation ??= createEvaluationContext(asm));
}

export function createEvaluationContext(asm: Assembly): EvaluationContext {
  const lookup = (key: string, token: Token, shown: string): number | undefined => {
    const record = asm.symbols.get(key);
    const final = asm.evaluationFinal;
    if (record) {
      const line = asm.evaluationLine!;
      if (record.kind === 'import') {
        const value = asm.importValue?.(record.name);
        // In a linked program the linker reports a missing export once, at the .import line.
        if (value === undefined && final && !asm.module) {
          report(asm, 'error', line, token, `'${shown}' is imported, but this one file has nothing to import it from`, `assemble it together with the file that exports it: moth asm ${asm.fileName} other.s`);
        }
        return value;
      }
      const value = symbolValue(asm, record, final);
      if (value === undefined && final && !record.failed && record.pending === undefined) {
        report(asm, 'error', line, token, `'${shown}' has no value`);
      }
      return value;
    }
    if (asm.autoImport && asm.importValue && key === shown) {
      const value = asm.importValue(shown);
      if (value !== undefined) return value;
    }
    if (final) reportUndefined(asm, asm.evaluationLine!, token, shown, key);
    return undefined;
  };
  return {
    get pc(): number | undefined {
      if (asm.evaluationConstantsOnly && asm.evaluationScope!.section.relocatable) return undefined;
      return scopePc(asm.evaluationScope!);
    },
    symbolValue: (name, token) => lookup(resolveName(asm, name, asm.evaluationScope!.scopePath), token, name),
    localValue: (name, token) => lookup(localKey(asm.evaluationScope!.cheapScope, name), token, name),
    unnamedValue: (distance, token) => {
      const scope = asm.evaluationScope!;
      const final = asm.evaluationFinal;
      const index = distance > 0 ? scope.unnamedCount + distance - 1 : scope.unnamedCount + distance;
      const record = index >= 0 ? asm.symbols.get(unnamedKey(index)) : undefined;
      if (record) return symbolValue(asm, record, final);
      if (final) {
        report(asm, 
          'error',
          asm.evaluationLine!,
          token,
          distance > 0 ? `there is no unnamed label ${distance === 1 ? 'after this line' : `${distance} labels ahead`}` : `there is no unnamed label ${distance === -1 ? 'before this line' : `${-distance} labels back`}`,
          "an unnamed label is a line starting with ':'; ':+' is the next one, ':-' the previous one",
        );
      }
      return undefined;
    },
    isDefined: (name) => asm.symbols.has(resolveName(asm, name, asm.evaluationScope!.scopePath)) || asm.defines.has(name),
    sizeOf: (name, token) => {
      const scopePath = asm.evaluationScope!.scopePath;
      const key = resolveScopedName(name, scopePath, (candidate) => asm.structSizes.has(candidate) || asm.scopeSizes.has(candidate));
      const size = asm.structSizes.get(key) ?? asm.scopeSizes.get(key) ?? labelSize(asm, resolveName(asm, name, scopePath));
      if (size === undefined && asm.evaluationFinal) report(asm, 'error', asm.evaluationLine!, token, `.sizeof needs a .struct, a member, a .proc/.scope or a label defined above, and '${name}' is none of them`);
      return size;
    },
    divisionByZero: (token) => {
      if (!asm.evaluationQuiet) report(asm, 'error', asm.evaluationLine!, token, 'division by zero');
    },
  };
}

/** As in ca65, a label's size is what its own line lays down (`buffer: .res 6` is 6); known once that line is done. */
function labelSize(asm: Assembly, key: string): number | undefined {
  const record = asm.symbols.get(key);
  if (record === undefined || record.at === undefined || record.lineIndex < 0 || record.lineIndex >= asm.currentLineIndex) return undefined;
  return asm.lines[record.lineIndex]?.length;
}

export function symbolValue(asm: Assembly, record: SymbolRecord, final: boolean): number | undefined {
  if (record.at) {
    const section = record.at.section as Section;
    if (asm.evaluationConstantsOnly && section.relocatable) return undefined;
    return section.placed ? section.shift + record.at.offset : undefined;
  }
  if (record.value !== undefined || record.pending === undefined) return record.value;
  if (record.resolving) {
    if (final && !record.failed) {
      record.failed = true;
      const line = asm.lines[record.pending.lineIndex]!;
      report(asm, 'error', line, lineStartToken(), `'${record.name}' is defined in terms of itself`, undefined, [], 1);
    }
    return undefined;
  }
  // Failed is set only by the emit pass, when nothing is defined any more: it stays failed, whoever asks.
  if (record.failed) return undefined;
  if (!final && failedSinceLearned(asm, record.unresolvedAt)) return undefined; // nothing learned since it failed
  if (asm.dependencies !== undefined) {
    // Inside another constant's evaluation: note the need, and let resolvePending evaluate this one first.
    asm.dependencies.push(record);
    return undefined;
  }
  return resolvePending(asm, record, final);
}

/**
 * Evaluates a pending constant and every pending constant it needs, with a stack of its own instead of
 * recursion, so a chain of any length (`c0 = c1`, ..., `c1300 = 1`) resolves as ca65 resolves it. Each
 * constant on the stack is tried quietly; the constants it needed are pushed and resolved first, then it is
 * tried again; once nothing it needs can still be resolved, it is evaluated for real (a `final` evaluation
 * reports what is wrong once, a loop back to a constant on the stack as "defined in terms of itself").
 */
function resolvePending(asm: Assembly, first: SymbolRecord, final: boolean): number | undefined {
  const stack: SymbolRecord[] = [first];
  /** Constants already pushed in this resolution: each is tried once, so unknowns cannot loop. */
  const tried = new Set<SymbolRecord>([first]);
  first.resolving = true;
  const saved = [asm.evaluationScope, asm.evaluationLine, asm.evaluationFinal, asm.evaluationQuiet] as const;
  try {
    while (stack.length > 0) {
      const record = stack[stack.length - 1]!;
      const needed: SymbolRecord[] = [];
      let value = evaluatePending(asm, record, false, needed);
      if (value === undefined) {
        const fresh = needed.filter((other) => !tried.has(other) && other.pending !== undefined && other.value === undefined);
        if (fresh.length > 0) {
          for (const other of fresh) {
            if (tried.has(other)) continue; // named twice in one expression
            tried.add(other);
            other.resolving = true;
            stack.push(other);
          }
          continue;
        }
        if (final) value = evaluatePending(asm, record, true, []);
      }
      stack.pop();
      record.resolving = false;
      if (value !== undefined) {
        record.value = value;
        record.pending = undefined;
        learned();
      } else if (final) record.failed = true;
      else record.unresolvedAt = withFailure(asm, record.unresolvedAt);
    }
  } finally {
    for (const record of stack) record.resolving = false;
    [asm.evaluationScope, asm.evaluationLine, asm.evaluationFinal, asm.evaluationQuiet] = saved;
  }
  return first.value;
}

/** One evaluation of a pending constant's expression; the pending constants it meets are listed in `needed`. */
function evaluatePending(asm: Assembly, record: SymbolRecord, final: boolean, needed: SymbolRecord[]): number | undefined {
  const pending = record.pending!;
  asm.pendingEvaluations++;
  const outer = asm.dependencies;
  asm.dependencies = needed;
  try {
    return evaluate(pending.expression, evaluationFor(asm, pending.scope, asm.lines[pending.lineIndex]!, final));
  } finally {
    asm.dependencies = outer;
  }
}

/**
 * After the emit pass: every constant still waiting for a value is evaluated for real, used or not, so a
 * name nothing defines is reported (as ca65 reports it) once, where the constant says it; each then has its
 * value or has failed, so reading the table afterwards (result.ts) costs one look per symbol, not a chain each.
 */
export function settlePendingConstants(asm: Assembly): void {
  for (const record of asm.symbols.values()) {
    if (record.pending === undefined || record.value !== undefined || record.failed) continue;
    asm.currentLineIndex = record.pending.lineIndex;
    symbolValue(asm, record, true);
  }
}

export function reportUndefined(asm: Assembly, context: LineContext, token: Token, shown: string, key: string): void {
  // A missing include file probably defined it: that one error says enough.
  if (asm.failedNames.has(shown) || asm.missingInclude) return;
  // A suggestion compares the name with every symbol; past a budget of comparisons the hint is not worth it.
  if (asm.suggestionComparisons > 200_000) {
    report(asm, 'error', context, token, `undefined ${shown.startsWith('@') ? 'local label' : 'symbol'} '${shown}'`);
    return;
  }
  const isLocal = shown.startsWith('@');
  let candidates: string[];
  if (isLocal) {
    const scope = scopeOfKey(asm, key);
    candidates = [];
    for (const record of asm.symbols.values()) {
      if (record.kind === 'local' && record.name.startsWith(scope)) candidates.push(record.name.slice(scope.length));
    }
  } else {
    // Undefined names are reported on the emit pass, when the table no longer changes: list the names once.
    asm.globalNames ??= [...asm.symbols.values()].filter((record) => record.kind !== 'unnamed' && record.kind !== 'local').map((record) => record.name);
    candidates = asm.globalNames;
  }
  asm.suggestionComparisons += candidates.length;
  const suggestion = closestMatch(shown, candidates);
  let hint = suggestion ? `did you mean '${suggestion}'?` : undefined;
  if (!hint && isLocal) hint = `'${shown}' is a cheap local: it is only visible between two normal labels`;
  const scoped = !isLocal ? candidates.find((name) => name.endsWith(`::${shown}`)) : undefined;
  if (scoped) hint = `did you mean '${scoped}'? (a name defined inside .proc or .scope is reached from outside with '::')`;
  const caseMatch = !isLocal ? candidates.find((name) => name.toLowerCase() === shown.toLowerCase()) : undefined;
  if (caseMatch) hint = `symbol names are case-sensitive: did you mean '${caseMatch}'?`;
  const kind = isLocal ? 'local label' : 'symbol';
  report(asm, 'error', context, token, `undefined ${kind} '${shown}'`, hint);
}

export function scopeOfKey(asm: Assembly, key: string): string {
  const at = key.lastIndexOf('@');
  return at >= 0 ? key.slice(0, at) : '';
}
