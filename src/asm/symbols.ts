/** The symbol table: global labels and constants, cheap locals (@name) and unnamed labels (:), one namespace of keys. */

import type { Expression } from './expressions.js';
import type { OperandSize } from './operands.js';
import type { SourceLocation } from './source.js';

export type SymbolKind = 'label' | 'constant' | 'local' | 'unnamed' | 'import';

/**
 * A run of bytes whose addresses move together. A section after `.org` (and the CODE and ZEROPAGE segments)
 * is placed from the start; RODATA, DATA, BSS and other segments are placed after the layout pass, one after
 * another as ld65 does, so their labels have no value until then (and so, like ca65, get absolute addressing).
 */
export interface Placement {
  placed: boolean;
  /** ca65 would keep it relocatable (no .org): its labels size as the segment does, not by value. */
  relocatable: boolean;
  /** Address of offset 0 once placed. */
  shift: number;
}

/** Where an expression is read: the scope cheap locals and unnamed references resolve in, and `*`. */
export interface EvaluationScope {
  /** The last normal label before the statement; `@loop` means `<cheapScope>@loop`. */
  readonly cheapScope: string;
  /** How many unnamed labels were defined before (and on) the statement's line. */
  readonly unnamedCount: number;
  /** The enclosing .proc/.scope names joined by `::` ('' at the top level). */
  readonly scopePath: string;
  /** `*` is `section.shift + offset`, known once the section is placed. */
  readonly section: Placement;
  readonly offset: number;
}

/** The value of `*` in a scope, or undefined while its section is not placed. */
export function scopePc(scope: EvaluationScope): number | undefined {
  return scope.section.placed ? scope.section.shift + scope.offset : undefined;
}

export interface SymbolRecord {
  /** The key: `loop`, `main@loop` for a cheap local, `:3` for the fourth unnamed label. */
  readonly name: string;
  readonly kind: SymbolKind;
  value: number | undefined;
  /** A label: its section and offset; the value follows once the section is placed. */
  readonly at: { readonly section: Placement; readonly offset: number } | undefined;
  /** A constant whose expression used symbols not known yet: evaluated when first needed. */
  pending: { readonly expression: Expression; readonly scope: EvaluationScope; readonly lineIndex: number } | undefined;
  /** True while its pending expression is being evaluated, to catch `a = b` / `b = a`. */
  resolving: boolean;
  /** Its definition failed to evaluate once; later uses stay quiet instead of cascading. */
  failed: boolean;
  /** When its pending expression last failed to resolve, and how it was evaluated (evaluation.ts withFailure). */
  unresolvedAt?: number;
  /** When its size last came out unknown, the same way. */
  sizeUnknownAt?: number;
  /**
   * A constant defined before its value was known: the address size ca65 gives it from its expression then
   * (`PTR = <(later-2)` is zero page), kept so uses of it size the same way. Undefined when not decided.
   */
  addressSize?: OperandSize;
  /** `.set` symbols may be assigned again. */
  readonly settable: boolean;
  readonly location: SourceLocation;
  /** Index of the defining line in the assembler's line list: tells forward references from backward ones. */
  readonly lineIndex: number;
}

/** The key of a cheap local label within the scope of the last normal label. */
export function localKey(cheapScope: string, name: string): string {
  return `${cheapScope}${name}`;
}

/** The key of the n-th unnamed label (0-based, in source order). */
export function unnamedKey(index: number): string {
  return `:${index}`;
}

/** The key a name defined in `scopePath` gets: `outer::inner::name`, or just `name` at the top level. */
export function scopedKey(scopePath: string, name: string): string {
  return scopePath === '' ? name : `${scopePath}::${name}`;
}

/**
 * Finds which symbol a name means from inside `scopePath`: the innermost enclosing scope that defines it,
 * else the top level (also when nothing defines it yet). `::name` always means the top level.
 */
export function resolveScopedName(name: string, scopePath: string, isDefined: (key: string) => boolean): string {
  if (name.startsWith('::')) return name.slice(2);
  let path = scopePath;
  while (path !== '') {
    const key = `${path}::${name}`;
    if (isDefined(key)) return key;
    const cut = path.lastIndexOf('::');
    path = cut < 0 ? '' : path.slice(0, cut);
  }
  return name;
}
