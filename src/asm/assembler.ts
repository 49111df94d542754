/**
 * The assembler pipeline: one layout pass walks the source (includes, macros, conditionals) deciding every
 * size and address, then one emit pass evaluates every operand with all symbols known and writes the bytes.
 * Sizes are decided once, by the zero-page rule in operands.ts, so addresses never oscillate.
 *
 * Reading order: `run` (the pipeline) → `processLine`/`statement` (one line: labels, then an instruction,
 * directive, macro call or assignment) → `instruction` and `directive` (what each claims on the layout
 * pass) → `placeSections` (segments laid out as ld65 does) → `emit` (bytes, range checks, warnings) →
 * `result`. Errors abort only their statement (StatementAbort), so every line gets its say.
 */

import { groupThousands } from '../shared/thousands.js';
import type { InstructionInfo } from '../cpu/instruction-set.js';
import { hexDigits } from '../shared/hex.js';
import { closestMatch, type Diagnostic, type DiagnosticNote, type Severity } from './diagnostics.js';
import {
  TokenCursor,
  evaluate,
  expressionSpan,
  findSymbol,
  isParseProblem,
  parseExpression,
  type EvaluationContext,
  type Expression,
} from './expressions.js';
import { describeErrorToken, tokenizeLine, type Token } from './lexer.js';
import { DOCUMENTED_MNEMONICS, DOCUMENTED_OPCODES, OPCODES_BY_MNEMONIC, chooseMode, modeName, operandSize, parseOperand, type OperandSize } from './operands.js';
import { listingText, symbolFileText } from './listing.js';
import { splitArguments, substitute } from './macros.js';
import { includedFileName, splitLines, type SourceLocation } from './source.js';
import {
  localKey,
  resolveScopedName,
  scopePc,
  scopedKey,
  unnamedKey,
  type EvaluationScope,
  type Placement,
  type SymbolKind,
  type SymbolRecord,
} from './symbols.js';

export type ResolveFile = (path: string, fromFile: string, kind: 'text' | 'binary') => string | Uint8Array | undefined;

export interface AssembleOptions {
  /** Name used in diagnostics and the debug map; default `input.s`. */
  readonly fileName?: string;
  /** Supplies `.include` and `.incbin` files; the assembler itself never touches a file system. */
  readonly resolveFile?: ResolveFile;
  /** Where code starts when the source has no `.org` (default $0600). */
  readonly defaultOrigin?: number;
}

export interface AssemblyImage {
  /** Load address of bytes[0]: the lowest address anything was emitted to. */
  readonly start: number;
  /** Everything from the lowest to the highest emitted address; gaps are $00. */
  readonly bytes: Uint8Array;
}

export interface SegmentInfo {
  readonly name: string;
  /** Lowest address used in the segment. */
  readonly start: number;
  /** Bytes from start to the highest address used. */
  readonly size: number;
}

export interface SymbolInfo {
  /** `loop`, or `main@loop` for a cheap local inside `main`. */
  readonly name: string;
  readonly value: number;
  readonly kind: 'label' | 'constant' | 'local';
  readonly location?: SourceLocation;
}

export interface DebugMapEntry {
  readonly address: number;
  readonly length: number;
  /** The line that produced the bytes (for macro expansions, the line inside the macro body). */
  readonly location: SourceLocation;
  /** For bytes from a macro expansion: the call site in the user's source (the outermost call). */
  readonly macroCall?: SourceLocation;
}

export interface AssemblyResult {
  /** True when there are no errors (warnings allowed). */
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** undefined when there were errors or nothing was emitted. */
  readonly image: AssemblyImage | undefined;
  readonly segments: SegmentInfo[];
  readonly symbols: Map<string, SymbolInfo>;
  /** Sorted by address. */
  readonly debugMap: DebugMapEntry[];
  /** Like `ca65 -l`: address, include depth, up to four bytes per row, source text. */
  readonly listing: string;
  /** Like `ld65 -Ln` (VICE labels): `al 000600 .start`, one per symbol, by address. */
  readonly symbolFile: string;
  /** Every file read (the main one and includes), by name, for source views. */
  readonly sources: Map<string, string>;
}

/** Where a statement came from. */
interface LineContext {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** 1 for the main file, 2 inside its includes, ... (the ca65 listing column). */
  readonly depth: number;
  /** The outermost macro call that produced this line, and the innermost macro's name. */
  readonly macroCall: SourceLocation | undefined;
  readonly macroName: string | undefined;
}

/**
 * One processed line, for the listing and the debug map. It is the line's context object itself, filled in
 * when the line is processed: one object per line instead of two keeps the garbage collector's work down.
 */
interface LineRecord extends LineContext {
  section: Section;
  /** Offset in the section (the address once the section is placed). */
  address: number;
  length: number;
  /** Column (1-based) of the statement's first token after labels. */
  column: number;
  /** The bytes are written to the image (false for `.res` in BSS/zero-page segments and for lines with no bytes). */
  emits: boolean;
  /** Byte values are `xx` in the listing (reserved, not known). */
  reserved: boolean;
}

interface Segment {
  readonly name: string;
  readonly zeroPage: boolean;
  /** Nothing here is written to the image (ZEROPAGE, BSS): `.res` only reserves addresses. */
  readonly reserveOnly: boolean;
  readonly sections: Section[];
  current: Section;
}

interface Section extends Placement {
  readonly segment: Segment;
  /** Next free offset. */
  pc: number;
  /** Lowest and highest offsets used (highest < lowest while empty). */
  lowest: number;
  highest: number;
  overflowReported: boolean;
  /** How many labels point into it: once one does, .org can no longer just move its start. */
  labels: number;
  /** The line that opened the section, for errors found while placing it. */
  readonly opened: LineContext | undefined;
}

type DataWidth = 1 | 2 | -2 | 3 | 4;

type Fragment =
  | {
      readonly kind: 'instruction';
      readonly section: Section;
      readonly address: number;
      readonly lineIndex: number;
      readonly info: InstructionInfo;
      readonly expression: Expression | undefined;
      readonly scope: EvaluationScope;
      readonly absoluteBecauseUnknown: boolean;
      readonly zeroPageOnly: boolean;
      readonly known: number | undefined;
    }
  | {
      readonly kind: 'data';
      readonly section: Section;
      readonly address: number;
      readonly lineIndex: number;
      /** 1 = byte, 2 = little-endian word, -2 = big-endian word (.dbyt), 3 = .faraddr, 4 = .dword. */
      readonly width: DataWidth;
      readonly expression: Expression;
      readonly scope: EvaluationScope;
      /** The value when it was already known on the layout pass (it must be kept: a .set symbol may change later). */
      readonly known: number | undefined;
    }
  | { readonly kind: 'bytes'; readonly section: Section; readonly address: number; readonly lineIndex: number; readonly bytes: Uint8Array }
  | {
      readonly kind: 'fill';
      readonly section: Section;
      readonly address: number;
      readonly lineIndex: number;
      readonly length: number;
      readonly value: number;
    }
  | {
      readonly kind: 'assert';
      readonly lineIndex: number;
      readonly expression: Expression;
      readonly scope: EvaluationScope;
      readonly severity: Severity;
      readonly message: string;
      readonly token: Token;
    };

interface MacroDefinition {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly body: readonly { readonly context: LineContext; readonly tokens: readonly Token[] }[];
  readonly location: SourceLocation;
}

interface Recording {
  readonly kind: 'macro' | 'repeat';
  readonly name: string;
  readonly parameters: readonly string[];
  readonly body: { readonly context: LineContext; readonly tokens: readonly Token[] }[];
  readonly location: SourceLocation;
  readonly context: LineContext;
  readonly token: Token;
  nesting: number;
  /** For .repeat: how many times, and the optional counter symbol. */
  readonly count: number;
  /** The opening line had an error: the body is skipped to its end, so it causes no errors of its own. */
  readonly discard: boolean;
}

interface Conditional {
  /** The current branch is assembled. */
  active: boolean;
  /** Some branch of this .if chain has been taken already. */
  taken: boolean;
  /** The whole .if sits inside an active region. */
  readonly parentActive: boolean;
  sawElse: boolean;
  readonly context: LineContext;
  readonly token: Token;
}

/** A caret at the start of a line, for problems that belong to a whole line rather than one token. */
function lineStartToken(column = 0): Token {
  return { kind: 'error', text: '', value: 0, column, length: 1 };
}

/** Thrown inside one statement's processing to stop it after a reported error; caught per line. */
class StatementAbort {}

const UTF8 = new TextEncoder();
const MAX_INCLUDE_DEPTH = 16;
const MAX_MACRO_DEPTH = 64;
const MAX_DIAGNOSTICS = 2000;
const MAX_REPEAT = 65536;
/** Lines produced by macro and .repeat expansion, in total: a runaway expansion stops here with an error. */
const MAX_EXPANDED_LINES = 250_000;

/** Every directive the assembler knows (lower case), for "did you mean" hints. */
export const DIRECTIVES: readonly string[] = [
  '.org', '.byte', '.byt', '.db', '.word', '.dw', '.addr', '.dbyt', '.faraddr', '.dword', '.lobytes', '.hibytes',
  '.bankbytes', '.res', '.ds', '.align',
  '.asciiz', '.include', '.incbin', '.macro', '.mac', '.endmacro', '.endmac', '.exitmacro', '.exitmac', '.local',
  '.if', '.elseif', '.else', '.endif', '.ifdef', '.ifndef', '.ifblank', '.ifnblank', '.ifconst', '.error',
  '.warning', '.out', '.assert', '.segment', '.code', '.data', '.rodata', '.bss', '.zeropage', '.setcpu', '.p02',
  '.define', '.undefine', '.repeat', '.rept', '.endrepeat', '.endrep', '.set', '.export', '.exportzp', '.reloc',
  '.fatal', '.debuginfo', '.list', '.listbytes', '.smart', '.autoimport', '.case', '.proc', '.endproc', '.scope',
  '.endscope', '.enum', '.endenum', '.struct', '.endstruct', '.tag', '.sizeof',
];

const CONDITIONAL_DIRECTIVES = new Set(['.if', '.elseif', '.else', '.endif', '.ifdef', '.ifndef', '.ifblank', '.ifnblank', '.ifconst']);

/** Assembles one source text; never throws, every problem becomes a Diagnostic. */
export function assembleSource(source: string, options: AssembleOptions = {}): AssemblyResult {
  const assembler = new Assembler(options);
  try {
    return assembler.run(source);
  } catch (error) {
    // A bug in the assembler must still not crash the caller: report it as a diagnostic value.
    const message = error instanceof Error ? error.message : String(error);
    return assembler.internalFailure(message);
  }
}

class Assembler {
  private readonly fileName: string;
  private readonly resolveFile: ResolveFile | undefined;
  private readonly defaultOrigin: number;

  private readonly diagnostics: Diagnostic[] = [];
  /** The line index each diagnostic belongs to, so both passes' messages come out in source order. */
  private readonly diagnosticLines: number[] = [];
  private readonly failedNames = new Set<string>();
  private suggestionComparisons = 0;
  /** An .include failed: names it would have defined are not reported as undefined one by one. */
  private missingInclude = false;
  private globalNames: string[] | undefined;
  private errorCount = 0;
  private readonly sources = new Map<string, string>();
  private readonly symbols = new Map<string, SymbolRecord>();
  private readonly macros = new Map<string, MacroDefinition>();
  private readonly defines = new Map<string, readonly Token[]>();
  private readonly lines: LineRecord[] = [];
  private readonly fragments: Fragment[] = [];
  private readonly segments = new Map<string, Segment>();
  private segment!: Segment;
  private readonly conditionals: Conditional[] = [];
  private recording: Recording | undefined;
  private readonly includeStack: string[] = [];
  private macroDepth = 0;
  private expansionCounter = 0;
  private expandedLines = 0;
  private readonly deepMacros = new Set<string>();
  private expansionLimitReported = false;
  private exitMacroRequested = false;
  private cheapScope = '';
  /** Enclosing .proc/.scope names joined by `::`, and the lines that opened them (for "never closed"). */
  private scopePath = '';
  private readonly openScopes: { readonly name: string; readonly context: LineContext; readonly token: Token }[] = [];
  private anonymousScopes = 0;
  /** Inside `.struct` … `.endstruct`: the struct's key, the next member's offset and where it started. */
  private structure: { readonly key: string; offset: number; readonly context: LineContext; readonly token: Token } | undefined;
  /** Sizes of structs and of their members, by key, for `.sizeof` and `.tag`. */
  private readonly structSizes = new Map<string, number>();
  /** Inside `.enum` … `.endenum`: the next member's value and where the enum started. */
  private enumeration: { next: number; readonly named: boolean; readonly context: LineContext; readonly token: Token } | undefined;
  private unnamedCount = 0;
  private undocumentedAllowed = false;
  private currentLineIndex = -1;
  /** Column just after the last token of the statement being processed: where "expected ... at the end" points. */
  private statementEnd = 0;

  constructor(options: AssembleOptions) {
    this.fileName = options.fileName ?? 'input.s';
    this.resolveFile = options.resolveFile;
    const origin = options.defaultOrigin ?? 0x0600;
    this.defaultOrigin = Number.isInteger(origin) && origin >= 0 && origin <= 0xffff ? origin : 0x0600;
    this.switchSegment('CODE', undefined);
  }

  private get section(): Section {
    return this.segment.current;
  }

  run(source: string): AssemblyResult {
    this.sources.set(this.fileName, source);
    this.includeStack.push(this.fileName);
    this.processFile(this.fileName, source, 1);
    this.includeStack.pop();
    this.finishLayout();
    const memory = new Uint8Array(0x10000);
    const owner = new Int32Array(0x10000);
    this.emit(memory, owner);
    return this.result(memory, owner);
  }

  internalFailure(message: string): AssemblyResult {
    return {
      ok: false,
      diagnostics: [
        ...this.diagnostics,
        {
          severity: 'error',
          message: `internal assembler error: ${message} (please report this with the source that caused it)`,
          location: { file: this.fileName, line: 1, column: 1 },
          length: 1,
          sourceLine: undefined,
        },
      ],
      image: undefined,
      segments: [],
      symbols: new Map(),
      debugMap: [],
      listing: '',
      symbolFile: '',
      sources: this.sources,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  private report(
    severity: Severity,
    context: LineContext,
    token: Token | undefined,
    message: string,
    hint?: string,
    notes: DiagnosticNote[] = [],
    length?: number,
  ): void {
    if (severity === 'error') this.errorCount++;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    const column = token ? token.column + 1 : this.statementEnd + 1;
    const allNotes = [...notes];
    if (context.macroCall && context.macroName !== undefined) {
      allNotes.push({ message: `in an expansion of macro '${context.macroName}' called here`, location: context.macroCall });
    }
    const diagnostic: Diagnostic = {
      severity,
      message,
      location: { file: context.file, line: context.line, column },
      length: Math.max(1, length ?? token?.length ?? 1),
      sourceLine: context.text,
      ...(hint !== undefined ? { hint } : {}),
      ...(allNotes.length > 0 ? { notes: allNotes } : {}),
    };
    this.diagnostics.push(diagnostic);
    this.diagnosticLines.push(this.currentLineIndex);
  }

  /** Reports an error and abandons the rest of the statement (the resync point is the line end). */
  private fail(context: LineContext, token: Token | undefined, message: string, hint?: string, notes?: DiagnosticNote[], length?: number): never {
    this.report('error', context, token, message, hint, notes, length);
    throw new StatementAbort();
  }

  private failOnExpression(context: LineContext, expression: Expression, message: string, hint?: string): never {
    const span = expressionSpan(expression);
    this.report('error', context, expression.token, message, hint, [], span.end - expression.token.column);
    throw new StatementAbort();
  }

  // ---------------------------------------------------------------------------------------------
  // Layout pass: walking lines

  private processFile(file: string, text: string, depth: number): void {
    const lines = splitLines(text);
    for (let index = 0; index < lines.length; index++) {
      const lineText = lines[index]!;
      const context = this.lineRecord(file, index + 1, lineText, depth, undefined, undefined);
      this.processLine(context, tokenizeLine(lineText));
    }
  }

  private processLine(context: LineContext, rawTokens: readonly Token[]): void {
    const tokens = this.defines.size > 0 ? this.substituteDefines(rawTokens) : rawTokens;
    const last = tokens[tokens.length - 1];
    this.statementEnd = last ? last.column + last.length : 0;
    if (this.recording) {
      this.record(context, tokens);
      return;
    }
    const first = tokens[0];
    const firstWord = first && first.kind === 'directive' ? first.text.toLowerCase() : '';
    if (CONDITIONAL_DIRECTIVES.has(firstWord)) {
      this.newLine(context);
      this.guard(() => this.conditional(context, firstWord, first!, new TokenCursor(tokens.slice(1))));
      return;
    }
    if (!this.isActive()) return;
    this.newLine(context);
    this.guard(() => this.statement(context, tokens));
  }

  /** Runs one statement's work; a StatementAbort (an error already reported) ends just that statement. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof StatementAbort)) throw error;
    }
  }

  private lineRecord(file: string, line: number, text: string, depth: number, macroCall: SourceLocation | undefined, macroName: string | undefined): LineRecord {
    return { file, line, text, depth, macroCall, macroName, section: this.section, address: 0, length: 0, column: 1, emits: false, reserved: false };
  }

  /** Adds the line to the listing; `context` is always a LineRecord made by lineRecord. */
  private newLine(context: LineContext): void {
    const record = context as LineRecord;
    record.section = this.section;
    record.address = this.section.pc;
    this.lines.push(record);
    this.currentLineIndex = this.lines.length - 1;
  }

  private get currentLine(): LineRecord {
    return this.lines[this.currentLineIndex]!;
  }

  private isActive(): boolean {
    const top = this.conditionals[this.conditionals.length - 1];
    return top === undefined || top.active;
  }

  private substituteDefines(tokens: readonly Token[]): readonly Token[] {
    const first = tokens[0];
    if (first && first.kind === 'directive') {
      const word = first.text.toLowerCase();
      if (word === '.define' || word === '.undefine' || word === '.ifdef' || word === '.ifndef') return tokens;
    }
    let changed = false;
    const result: Token[] = [];
    for (const token of tokens) {
      const replacement = token.kind === 'identifier' ? this.defines.get(token.text) : undefined;
      if (replacement) {
        changed = true;
        for (const part of replacement) result.push({ ...part, column: token.column, length: token.length });
      } else result.push(token);
    }
    return changed ? result : tokens;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  private statement(context: LineContext, tokens: readonly Token[]): void {
    if (this.structure) {
      this.structMember(context, tokens);
      return;
    }
    if (this.enumeration) {
      this.enumMember(context, tokens);
      return;
    }
    let index = 0;
    // Labels: `name:`, `@local:`, and `:` (unnamed), possibly several.
    for (;;) {
      const token = tokens[index];
      if (!token) break;
      const next = tokens[index + 1];
      const colonFollows = next !== undefined && next.kind === 'operator' && next.text === ':';
      if (token.kind === 'identifier' && colonFollows) {
        this.defineLabel(context, token);
        index += 2;
        continue;
      }
      if (token.kind === 'local' && colonFollows) {
        this.defineLocalLabel(context, token);
        index += 2;
        continue;
      }
      if (token.kind === 'operator' && token.text === ':') {
        this.defineUnnamedLabel(context, token);
        index += 1;
        continue;
      }
      break;
    }
    const head = tokens[index];
    const line = this.currentLine;
    line.section = this.section;
    line.address = this.section.pc;
    if (!head) return;
    line.column = head.column + 1;
    const second = tokens[index + 1];
    const cursor = new TokenCursor(tokens);
    cursor.index = index + 1;

    if ((head.kind === 'identifier' || head.kind === 'local') && second && second.kind === 'operator' && (second.text === '=' || second.text === ':=')) {
      cursor.index = index + 2;
      this.assignment(context, head, cursor, false);
      return;
    }
    if (head.kind === 'identifier' && second && second.kind === 'directive' && second.text.toLowerCase() === '.set') {
      cursor.index = index + 2;
      this.assignment(context, head, cursor, true);
      return;
    }
    if (head.kind === 'operator' && head.text === '*' && second && second.kind === 'operator' && second.text === '=') {
      cursor.index = index + 2;
      this.org(context, head, cursor);
      return;
    }
    if (head.kind === 'directive') {
      this.directive(context, head, cursor);
      return;
    }
    if (head.kind === 'identifier') {
      const macro = this.macros.get(head.text);
      if (macro) {
        this.expandMacro(context, head, macro, tokens.slice(index + 1));
        return;
      }
      const upper = head.text.toUpperCase();
      if (OPCODES_BY_MNEMONIC.has(upper)) {
        this.instruction(context, head, upper, cursor);
        return;
      }
      const lower = head.text.toLowerCase();
      if (lower === 'define') {
        const name = tokens[index + 1];
        if (!name || name.kind !== 'identifier') this.fail(context, name ?? head, "expected a name after 'define'", "write e.g. 'define sysRandom $fe'");
        cursor.index = index + 2;
        this.assignment(context, name, cursor, false);
        return;
      }
      if (lower === 'dcb') {
        this.data(context, head, cursor, 1);
        return;
      }
      this.unknownWord(context, head, tokens, index);
    }
    if (head.kind === 'local') {
      this.fail(context, head, `'${head.text}' is not an instruction`, `to define the local label, add a colon: '${head.text}:'`);
    }
    if (head.kind === 'error') this.fail(context, head, describeErrorToken(head));
    this.fail(context, head, `expected an instruction, directive or label, found '${head.text}'`);
  }

  private unknownWord(context: LineContext, head: Token, tokens: readonly Token[], index: number): never {
    const candidates = [...(this.undocumentedAllowed ? OPCODES_BY_MNEMONIC.keys() : DOCUMENTED_MNEMONICS), ...this.macros.keys()];
    const upper = head.text.toUpperCase();
    if (OPCODES_BY_MNEMONIC.has(upper) && !DOCUMENTED_MNEMONICS.has(upper)) {
      this.fail(context, head, `${upper} is an undocumented opcode`, `add '.setcpu "6502X"' before it to allow undocumented opcodes (as in ca65)`);
    }
    const next = tokens[index + 1];
    if (next && next.kind === 'identifier' && (OPCODES_BY_MNEMONIC.has(next.text.toUpperCase()) || this.macros.has(next.text))) {
      this.fail(context, head, `unknown instruction '${head.text}'`, `if '${head.text}' is a label, it needs a colon: '${head.text}:'`);
    }
    const suggestion = closestMatch(head.text, candidates);
    const alone = tokens.length === index + 1;
    if (suggestion) {
      const shown = this.macros.has(suggestion) ? suggestion : suggestion.toUpperCase();
      const label = alone ? ` (or, if '${head.text}' is meant as a label, add a colon: '${head.text}:')` : '';
      this.fail(context, head, `unknown instruction '${head.text}'`, `did you mean '${shown}'?${label}`);
    }
    if (alone) {
      this.fail(context, head, `unknown instruction '${head.text}'`, `if '${head.text}' is meant as a label, add a colon: '${head.text}:'`);
    }
    this.fail(context, head, `unknown instruction '${head.text}'`);
  }

  // ---------------------------------------------------------------------------------------------
  // Symbols

  private defineSymbol(
    context: LineContext,
    token: Token,
    key: string,
    kind: SymbolKind,
    value: number | undefined,
    pending: SymbolRecord['pending'],
    settable: boolean,
    at?: SymbolRecord['at'],
  ): void {
    const existing = this.symbols.get(key);
    const location = { file: context.file, line: context.line, column: token.column + 1 };
    if (existing) {
      if (existing.settable && settable) {
        existing.value = value;
        existing.pending = pending;
        return;
      }
      this.fail(context, token, `'${token.text}' is already defined`, 'each label or constant can be defined only once (use .set for a variable)', [
        { message: `'${token.text}' was first defined here`, location: existing.location },
      ]);
    }
    if (at) (at.section as Section).labels++;
    this.symbols.set(key, {
      name: key,
      kind,
      value,
      at,
      pending,
      resolving: false,
      failed: false,
      settable,
      location,
      lineIndex: this.currentLineIndex,
    });
  }

  private defineLabel(context: LineContext, token: Token): void {
    const key = scopedKey(this.scopePath, token.text);
    this.defineSymbol(context, token, key, 'label', undefined, undefined, false, this.here());
    this.cheapScope = key;
  }

  /** The symbol a name means from the given scope (see resolveScopedName). */
  private resolveName(name: string, scopePath: string): string {
    if (scopePath === '' && !name.startsWith('::')) return name;
    return resolveScopedName(name, scopePath, (key) => this.symbols.has(key));
  }

  private defineLocalLabel(context: LineContext, token: Token): void {
    this.defineSymbol(context, token, localKey(this.cheapScope, token.text), 'local', undefined, undefined, false, this.here());
  }

  private defineUnnamedLabel(context: LineContext, token: Token): void {
    this.defineSymbol(context, token, unnamedKey(this.unnamedCount), 'unnamed', undefined, undefined, false, this.here());
    this.unnamedCount++;
  }

  private here(): { section: Section; offset: number } {
    return { section: this.section, offset: this.section.pc };
  }

  /** The scope of the statement at the current program counter (or at `offset` in the current section). */
  private scope(offset = this.section.pc): EvaluationScope {
    return { cheapScope: this.cheapScope, unnamedCount: this.unnamedCount, scopePath: this.scopePath, section: this.section, offset };
  }

  private assignment(context: LineContext, name: Token, cursor: TokenCursor, settable: boolean): void {
    let expression: Expression;
    try {
      expression = this.parseFullExpression(context, cursor, name);
    } catch (error) {
      // Later uses of a name whose definition was wrong stay quiet: one error, not one per use.
      this.failedNames.add(name.text);
      throw error;
    }
    const scope = this.scope();
    const value = this.evaluateNow(expression, scope, context);
    const key = name.kind === 'local' ? localKey(this.cheapScope, name.text) : this.definitionKey(name);
    const kind: SymbolKind = name.kind === 'local' ? 'local' : 'constant';
    const pending = value === undefined ? { expression, scope, lineIndex: this.currentLineIndex } : undefined;
    this.defineSymbol(context, name, key, kind, value, pending, settable);
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private parseFullExpression(context: LineContext, cursor: TokenCursor, after: Token): Expression {
    const result = parseExpression(cursor);
    if (isParseProblem(result)) {
      this.fail(context, result.token ?? undefined, result.token ? result.message : `${result.message} at the end of the line`, result.token ? undefined : `'${after.text}' needs a value after it`);
    }
    const extra = cursor.peek();
    if (extra) this.fail(context, extra, `unexpected '${extra.text}' after the expression`);
    return result;
  }

  /** Parses a comma-separated list of expressions (or strings) until the end of the statement. */
  private parseList(context: LineContext, cursor: TokenCursor, directive: Token, allowStrings: boolean): (Expression | Token)[] {
    const items: (Expression | Token)[] = [];
    if (cursor.atEnd()) this.fail(context, undefined, `'${directive.text}' needs at least one value`);
    for (;;) {
      const token = cursor.peek();
      if (allowStrings && token && token.kind === 'string') {
        const following = cursor.peek(1);
        if (!following || (following.kind === 'operator' && following.text === ',')) {
          cursor.next();
          items.push(token);
          if (!cursor.atEnd()) cursor.next();
          else break;
          if (cursor.atEnd()) this.fail(context, undefined, 'expected a value after the last comma');
          continue;
        }
      }
      const result = parseExpression(cursor);
      if (isParseProblem(result)) this.fail(context, result.token, result.message);
      items.push(result);
      if (cursor.atEnd()) break;
      const comma = cursor.next()!;
      if (comma.kind !== 'operator' || comma.text !== ',') this.fail(context, comma, `expected ',' between values, found '${comma.text}'`);
      if (cursor.atEnd()) this.fail(context, undefined, 'expected a value after the last comma');
    }
    return items;
  }

  /** Value with what is known at this point of the layout pass; undefined for forward references. */
  private evaluateNow(expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
    return evaluate(expression, this.context(scope, context, false));
  }

  /**
   * The operand size for the zero-page rule. Labels of a section ca65 would keep relocatable (CODE before any
   * .org, and the segments placed after layout) are not constants to ca65, so they size as absolute, not by value.
   */
  private sizeNow(expression: Expression, scope: EvaluationScope, context: LineContext): OperandSize {
    this.evaluationConstantsOnly = true;
    try {
      return operandSize(
        expression,
        (node) => evaluate(node, this.context(scope, context, false)),
        (leaf) => {
          if (leaf.kind === 'pc') return scope.section.relocatable ? 'absolute' : 'unknown';
          const record = this.recordOf(leaf, scope);
          const section = record?.at?.section as Section | undefined;
          return section?.relocatable ? (section.segment.zeroPage ? 'zeroPage' : 'absolute') : 'unknown';
        },
      );
    } finally {
      this.evaluationConstantsOnly = false;
    }
  }

  private recordOf(leaf: Expression, scope: EvaluationScope): SymbolRecord | undefined {
    if (leaf.kind === 'symbol') return this.symbols.get(this.resolveName(leaf.name, scope.scopePath));
    if (leaf.kind === 'local') return this.symbols.get(localKey(scope.cheapScope, leaf.name));
    if (leaf.kind === 'unnamed') {
      const index = leaf.distance > 0 ? scope.unnamedCount + leaf.distance - 1 : scope.unnamedCount + leaf.distance;
      return this.symbols.get(unnamedKey(index));
    }
    return undefined;
  }

  /** Value with every symbol known; reports undefined symbols against the given line. */
  private evaluateFinal(expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
    return evaluate(expression, this.context(scope, context, true));
  }

  /** A value that must be known now (.org, .res, .if ...), or a teaching error naming the unknown symbol. */
  private evaluateRequired(expression: Expression, context: LineContext, what: string): number {
    const scope = this.scope();
    const errorsBefore = this.errorCount;
    const value = evaluate(expression, this.context(scope, context, false, false));
    if (value !== undefined) return value;
    // A division by zero was reported already; one error per line is enough.
    if (this.errorCount !== errorsBefore) throw new StatementAbort();
    const relative = this.valueWhateverThePlacement(expression, scope, context);
    if (relative !== undefined) return relative;
    const unknown = findSymbol(expression, (leaf) => evaluate(leaf, this.context(scope, context, false)) === undefined);
    const name = unknown ? unknown.token.text : 'a symbol';
    const record = unknown && unknown.kind === 'symbol' ? this.symbols.get(unknown.name) : undefined;
    if (record?.at && !record.at.section.placed) {
      this.fail(
        context,
        unknown!.token,
        `${what} must be known when this line is reached, but '${name}' is in a segment placed only after the whole program is laid out`,
        'use .org in that segment, or put the label in CODE',
      );
    }
    if (!unknown) {
      this.fail(context, expression.token, `${what} must be known when this line is reached, but '*' is not known in a segment without .org`, 'use .org in this segment');
    }
    this.fail(
      context,
      unknown.token,
      `${what} must be known when this line is reached, but '${name}' ${record ? 'depends on a symbol defined later' : 'is not defined yet'}`,
      'define it above this line: sizes and addresses are fixed in one pass, in source order',
    );
  }

  /** `final`: every symbol must be known now (the emit pass); `quiet`: a division by zero is left to a later report. */
  // One evaluation context, re-aimed before each evaluation: building closures per operand was the assembler's
  // largest source of garbage on big programs. Nested evaluations (pending constants) save and restore the aim.
  private evaluationScope: EvaluationScope | undefined;
  private evaluationLine: LineContext | undefined;
  private evaluationFinal = false;
  private evaluationQuiet = true;
  /** Sizing: labels of relocatable sections count as unknown (see sizeNow). */
  private evaluationConstantsOnly = false;
  private readonly evaluation: EvaluationContext = this.createEvaluationContext();

  /**
   * `end - start` inside a segment placed only after layout is still a constant: whatever address the segment
   * gets, the difference is the same (ca65 accepts it too). Tried with two trial placements of every unplaced
   * section; the value counts only if both agree.
   */
  private valueWhateverThePlacement(expression: Expression, scope: EvaluationScope, context: LineContext): number | undefined {
    const unplaced: Section[] = [];
    for (const segment of this.segments.values()) for (const section of segment.sections) if (!section.placed) unplaced.push(section);
    if (unplaced.length === 0) return undefined;
    const trial = (shift: number): number | undefined => {
      for (const section of unplaced) {
        section.placed = true;
        section.shift = shift;
      }
      try {
        return evaluate(expression, this.context(scope, context, false));
      } finally {
        for (const section of unplaced) {
          section.placed = false;
          section.shift = 0;
        }
      }
    };
    const first = trial(0x1000);
    return first !== undefined && first === trial(0x2357) ? first : undefined;
  }

  private context(scope: EvaluationScope, context: LineContext, final: boolean, quiet = !final): EvaluationContext {
    this.evaluationScope = scope;
    this.evaluationLine = context;
    this.evaluationFinal = final;
    this.evaluationQuiet = quiet;
    return this.evaluation;
  }

  private createEvaluationContext(): EvaluationContext {
    const lookup = (key: string, token: Token, shown: string): number | undefined => {
      const record = this.symbols.get(key);
      const final = this.evaluationFinal;
      if (record) {
        const line = this.evaluationLine!;
        const value = this.symbolValue(record, final);
        if (value === undefined && final && !record.failed && record.pending === undefined) {
          this.report('error', line, token, `'${shown}' has no value`);
        }
        return value;
      }
      if (final) this.reportUndefined(this.evaluationLine!, token, shown, key);
      return undefined;
    };
    // The getter's own `this` is the context object, so it reads the assembler through `self`.
    const self = this;
    return {
      get pc(): number | undefined {
        if (self.evaluationConstantsOnly && self.evaluationScope!.section.relocatable) return undefined;
        return scopePc(self.evaluationScope!);
      },
      symbolValue: (name, token) => lookup(this.resolveName(name, this.evaluationScope!.scopePath), token, name),
      localValue: (name, token) => lookup(localKey(this.evaluationScope!.cheapScope, name), token, name),
      unnamedValue: (distance, token) => {
        const scope = this.evaluationScope!;
        const final = this.evaluationFinal;
        const index = distance > 0 ? scope.unnamedCount + distance - 1 : scope.unnamedCount + distance;
        const record = index >= 0 ? this.symbols.get(unnamedKey(index)) : undefined;
        if (record) return this.symbolValue(record, final);
        if (final) {
          this.report(
            'error',
            this.evaluationLine!,
            token,
            distance > 0 ? `there is no unnamed label ${distance === 1 ? 'after this line' : `${distance} labels ahead`}` : `there is no unnamed label ${distance === -1 ? 'before this line' : `${-distance} labels back`}`,
            "an unnamed label is a line starting with ':'; ':+' is the next one, ':-' the previous one",
          );
        }
        return undefined;
      },
      isDefined: (name) => this.symbols.has(this.resolveName(name, this.evaluationScope!.scopePath)) || this.defines.has(name),
      sizeOf: (name, token) => {
        const key = resolveScopedName(name, this.evaluationScope!.scopePath, (candidate) => this.structSizes.has(candidate));
        const size = this.structSizes.get(key);
        if (size === undefined && this.evaluationFinal) this.report('error', this.evaluationLine!, token, `.sizeof needs a .struct or one of its members, and '${name}' is neither`);
        return size;
      },
      divisionByZero: (token) => {
        if (!this.evaluationQuiet) this.report('error', this.evaluationLine!, token, 'division by zero');
      },
    };
  }

  private symbolValue(record: SymbolRecord, final: boolean): number | undefined {
    if (record.at) {
      const section = record.at.section as Section;
      if (this.evaluationConstantsOnly && section.relocatable) return undefined;
      return section.placed ? section.shift + record.at.offset : undefined;
    }
    if (record.value !== undefined || record.pending === undefined) return record.value;
    if (record.resolving) {
      if (final && !record.failed) {
        record.failed = true;
        const line = this.lines[record.pending.lineIndex]!;
        this.report('error', line, lineStartToken(), `'${record.name}' is defined in terms of itself`, undefined, [], 1);
      }
      return undefined;
    }
    if (final && record.failed) return undefined;
    record.resolving = true;
    const line = this.lines[record.pending.lineIndex]!;
    const saved = [this.evaluationScope, this.evaluationLine, this.evaluationFinal, this.evaluationQuiet] as const;
    const value = evaluate(record.pending.expression, this.context(record.pending.scope, line, final));
    [this.evaluationScope, this.evaluationLine, this.evaluationFinal, this.evaluationQuiet] = saved;
    record.resolving = false;
    if (value !== undefined) {
      record.value = value;
      record.pending = undefined;
    } else if (final) record.failed = true;
    return value;
  }

  private reportUndefined(context: LineContext, token: Token, shown: string, key: string): void {
    // A missing include file probably defined it: that one error says enough.
    if (this.failedNames.has(shown) || this.missingInclude) return;
    // A suggestion compares the name with every symbol; past a budget of comparisons the hint is not worth it.
    if (this.suggestionComparisons > 200_000) {
      this.report('error', context, token, `undefined ${shown.startsWith('@') ? 'local label' : 'symbol'} '${shown}'`);
      return;
    }
    const isLocal = shown.startsWith('@');
    let candidates: string[];
    if (isLocal) {
      const scope = this.scopeOfKey(key);
      candidates = [];
      for (const record of this.symbols.values()) {
        if (record.kind === 'local' && record.name.startsWith(scope)) candidates.push(record.name.slice(scope.length));
      }
    } else {
      // Undefined names are reported on the emit pass, when the table no longer changes: list the names once.
      this.globalNames ??= [...this.symbols.values()].filter((record) => record.kind !== 'unnamed' && record.kind !== 'local').map((record) => record.name);
      candidates = this.globalNames;
    }
    this.suggestionComparisons += candidates.length;
    const suggestion = closestMatch(shown, candidates);
    let hint = suggestion ? `did you mean '${suggestion}'?` : undefined;
    if (!hint && isLocal) hint = `'${shown}' is a cheap local: it is only visible between two normal labels`;
    const scoped = !isLocal ? candidates.find((name) => name.endsWith(`::${shown}`)) : undefined;
    if (scoped) hint = `did you mean '${scoped}'? (a name defined inside .proc or .scope is reached from outside with '::')`;
    const caseMatch = !isLocal ? candidates.find((name) => name.toLowerCase() === shown.toLowerCase()) : undefined;
    if (caseMatch) hint = `symbol names are case-sensitive: did you mean '${caseMatch}'?`;
    const kind = isLocal ? 'local label' : 'symbol';
    this.report('error', context, token, `undefined ${kind} '${shown}'`, hint);
  }

  private scopeOfKey(key: string): string {
    const at = key.lastIndexOf('@');
    return at >= 0 ? key.slice(0, at) : '';
  }

  // ---------------------------------------------------------------------------------------------
  // Segments and the program counter

  /** Enters a segment, creating it on first use: CODE starts at the default origin, ZEROPAGE at $0000. */
  private switchSegment(name: string, context: LineContext | undefined): void {
    const existing = this.segments.get(name);
    if (existing) {
      this.segment = existing;
      return;
    }
    const upper = name.toUpperCase();
    const zeroPage = upper === 'ZEROPAGE' || upper === 'ZP';
    const segment: Segment = { name, zeroPage, reserveOnly: zeroPage || upper === 'BSS', sections: [], current: undefined! };
    this.segments.set(name, segment);
    this.segment = segment;
    // CODE is first in the linker's memory area and ZEROPAGE has a memory area of its own, so their addresses
    // are known from the start; the other segments follow CODE and are placed after the layout pass.
    if (upper === 'CODE') this.openSection(segment, true, this.defaultOrigin, context, true);
    else if (zeroPage) this.openSection(segment, true, 0, context, true);
    else this.openSection(segment, false, 0, context, true);
  }

  private openSection(segment: Segment, placed: boolean, start: number, context: LineContext | undefined, relocatable: boolean): void {
    const section: Section = {
      segment,
      relocatable,
      placed,
      shift: 0,
      pc: start,
      lowest: Infinity,
      highest: -1,
      overflowReported: false,
      labels: 0,
      opened: context,
    };
    segment.sections.push(section);
    segment.current = section;
  }

  /** Claims `length` bytes at the program counter for the current line; returns their offset in the section. */
  private claim(context: LineContext, token: Token, length: number, emits: boolean): number {
    const section = this.section;
    const address = section.pc;
    const line = this.currentLine;
    if (line.length === 0) {
      line.section = section;
      line.address = address;
    }
    line.length += length;
    if (emits) line.emits = true;
    if (length > 0) {
      section.lowest = Math.min(section.lowest, address);
      section.highest = Math.max(section.highest, address + length - 1);
    }
    section.pc = address + length;
    if (section.placed && section.pc > 0x10000 && !section.overflowReported) {
      section.overflowReported = true;
      this.report('error', context, token, 'the program runs past $FFFF, the top of the 6502 address space', 'use .org to start lower, or make the program smaller');
    }
    return address;
  }

  private org(context: LineContext, token: Token, cursor: TokenCursor): void {
    const expression = this.parseFullExpression(context, cursor, token);
    const value = this.evaluateRequired(expression, context, 'the address in .org');
    if (value < 0 || value > 0xffff) this.failOnExpression(context, expression, `.org address ${formatValue(value)} is outside $0000–$FFFF`);
    const section = this.section;
    if (section.placed && section.highest < section.lowest && section.labels === 0) {
      // Nothing emitted or labelled yet: just move the start, which is now fixed (ca65's absolute mode).
      section.pc = value;
      section.overflowReported = false;
      section.relocatable = false;
    } else this.openSection(this.segment, true, value, context, false);
    this.currentLine.section = this.section;
    this.currentLine.address = value;
  }

  /** After the layout pass: RODATA, DATA, other segments and BSS follow the end of CODE, in the linker's order. */
  private placeSections(): void {
    const code = this.segments.get('CODE');
    let next = this.defaultOrigin;
    for (const section of code?.sections ?? []) {
      if (section.highest >= section.lowest) next = Math.max(next, section.highest + 1);
    }
    const order = ['RODATA', 'DATA'];
    for (const name of this.segments.keys()) if (!order.includes(name) && name !== 'BSS' && name !== 'CODE') order.push(name);
    order.push('BSS');
    for (const name of order) {
      const segment = this.segments.get(name);
      if (!segment) continue;
      for (const section of segment.sections) {
        if (section.placed) continue;
        section.placed = true;
        section.shift = next;
        next += section.pc;
        if (next > 0x10000 && !section.overflowReported) {
          section.overflowReported = true;
          const context = section.opened ?? this.lines[0];
          if (context) this.report('error', context, lineStartToken(), `segment ${name} runs past $FFFF when placed after the segments before it`, 'make the program smaller or give the segment an .org');
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Instructions

  private instruction(context: LineContext, head: Token, mnemonic: string, cursor: TokenCursor): void {
    if (!DOCUMENTED_MNEMONICS.has(mnemonic) && !this.undocumentedAllowed) {
      this.fail(context, head, `${mnemonic} is an undocumented opcode`, `add '.setcpu "6502X"' before it to allow undocumented opcodes (as in ca65)`);
    }
    const operandStart = cursor.peek();
    const operand = parseOperand(cursor);
    if ('message' in operand) this.fail(context, operand.token, operand.message, operand.hint);
    const scope = this.scope();
    const valueNow = operand.expression ? this.evaluateNow(operand.expression, scope, context) : undefined;
    const sized = operand.syntax === 'direct' || operand.syntax === 'directX' || operand.syntax === 'directY';
    const size = sized && operand.expression ? this.sizeNow(operand.expression, scope, context) : 'unknown';
    const choice = chooseMode(mnemonic, operand, size, this.undocumentedAllowed);
    if ('message' in choice) this.fail(context, operandStart ?? head, choice.message, choice.hint, [], operandStart ? this.statementEnd - operandStart.column : head.length);
    const address = this.claim(context, head, choice.info.length, true);
    this.fragments.push({
      kind: 'instruction',
      section: this.section,
      address,
      lineIndex: this.currentLineIndex,
      info: choice.info,
      expression: operand.expression,
      scope,
      absoluteBecauseUnknown: choice.absoluteBecauseUnknown,
      known: valueNow,
      zeroPageOnly: operand.force !== 'zeroPage' && !(this.undocumentedAllowed ? OPCODES_BY_MNEMONIC : DOCUMENTED_OPCODES).get(mnemonic)!.has(absoluteOf(choice.info.mode)),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Directives

  private directive(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = head.text.toLowerCase();
    switch (name) {
      case '.org':
        this.org(context, head, cursor);
        return;
      case '.byte':
      case '.byt':
      case '.db':
        this.data(context, head, cursor, 1);
        return;
      case '.word':
      case '.dw':
      case '.addr':
        this.data(context, head, cursor, 2);
        return;
      case '.dbyt':
        this.data(context, head, cursor, -2);
        return;
      case '.faraddr':
        this.data(context, head, cursor, 3);
        return;
      case '.dword':
        this.data(context, head, cursor, 4);
        return;
      case '.bankbytes':
        this.data(context, head, cursor, 1, '^');
        return;
      case '.lobytes':
      case '.hibytes':
        this.data(context, head, cursor, 1, name === '.lobytes' ? '<' : '>');
        return;
      case '.asciiz':
        this.data(context, head, cursor, 1, undefined, true);
        return;
      case '.res':
      case '.ds':
        this.reserve(context, head, cursor);
        return;
      case '.align':
        this.align(context, head, cursor);
        return;
      case '.include':
        this.include(context, head, cursor);
        return;
      case '.incbin':
        this.incbin(context, head, cursor);
        return;
      case '.macro':
      case '.mac':
        this.startMacro(context, head, cursor);
        return;
      case '.repeat':
      case '.rept':
        this.startRepeat(context, head, cursor);
        return;
      case '.endmacro':
      case '.endmac':
        this.fail(context, head, `'${head.text}' without a matching .macro`);
        return;
      case '.endrepeat':
      case '.endrep':
        this.fail(context, head, `'${head.text}' without a matching .repeat`);
        return;
      case '.exitmacro':
      case '.exitmac':
        if (this.macroDepth === 0) this.fail(context, head, `'${head.text}' outside a macro`);
        this.exitMacroRequested = true;
        return;
      case '.local':
        this.fail(context, head, "'.local' is only allowed inside a macro body");
        return;
      case '.error':
      case '.fatal':
      case '.warning':
      case '.out':
        this.message(context, head, cursor, name === '.warning' ? 'warning' : name === '.out' ? 'note' : 'error');
        return;
      case '.assert':
        this.assert(context, head, cursor);
        return;
      case '.segment':
        this.segmentDirective(context, head, cursor);
        return;
      case '.code':
      case '.data':
      case '.rodata':
      case '.bss':
      case '.zeropage':
        this.expectEnd(context, cursor);
        this.switchSegment(name.slice(1).toUpperCase(), context);
        this.currentLine.section = this.section;
        this.currentLine.address = this.section.pc;
        return;
      case '.setcpu':
        this.setCpu(context, head, cursor);
        return;
      case '.enum':
        this.startEnum(context, head, cursor);
        return;
      case '.struct':
        this.startStruct(context, head, cursor);
        return;
      case '.endstruct':
        this.fail(context, head, "'.endstruct' without a matching .struct");
        return;
      case '.tag': {
        const size = this.tagSize(context, head, cursor);
        this.reserveBytes(context, head, size, 0);
        return;
      }
      case '.endenum':
        this.fail(context, head, "'.endenum' without a matching .enum");
        return;
      case '.proc':
      case '.scope':
        this.openScope(context, head, cursor, name === '.proc');
        return;
      case '.endproc':
      case '.endscope':
        this.closeScope(context, head, cursor);
        return;
      case '.p02':
        this.undocumentedAllowed = false;
        return;
      case '.define':
        this.define(context, head, cursor);
        return;
      case '.undefine': {
        const target = cursor.next();
        if (!target || target.kind !== 'identifier') this.fail(context, target ?? head, 'expected the name to undefine');
        this.defines.delete(target.text);
        return;
      }
      case '.set':
        this.fail(context, head, "'.set' needs a name before it", "write 'counter .set counter + 1'");
        return;
      case '.export':
      case '.exportzp':
      case '.reloc':
      case '.debuginfo':
      case '.list':
      case '.listbytes':
      case '.smart':
      case '.autoimport':
      case '.case':
        // Meaningful only for linking or listing control in ca65; one self-contained program needs none of them.
        return;
      default: {
        const suggestion = closestMatch(name, DIRECTIVES);
        this.fail(context, head, `unknown directive '${head.text}'`, suggestion ? `did you mean '${suggestion}'?` : 'see docs/assembler.md for the directives moth knows');
      }
    }
  }

  private expectEnd(context: LineContext, cursor: TokenCursor): void {
    const extra = cursor.peek();
    if (extra) this.fail(context, extra, `unexpected '${extra.text}'`);
  }

  private data(context: LineContext, head: Token, cursor: TokenCursor, width: DataWidth, byteOf?: '<' | '>' | '^', terminate = false): void {
    const items = this.parseList(context, cursor, head, width === 1 && byteOf === undefined);
    const lineIndex = this.currentLineIndex;
    if (this.segment.reserveOnly) {
      // ld65 writes nothing of ZEROPAGE or BSS to the file, so data placed there would silently vanish.
      this.fail(context, head, `segment ${this.segment.name} holds no bytes in the program image`, 'reserve space here with .res, and put initial values in CODE, RODATA or DATA');
    }
    for (const item of items) {
      if (!('token' in item)) {
        // ca65 stores a string's bytes as they are in the file; sources are UTF-8, so é becomes $C3 $A9.
        const bytes = UTF8.encode(item.text);
        const address = this.claim(context, head, bytes.length, true);
        this.fragments.push({ kind: 'bytes', section: this.section, address, lineIndex, bytes });
        continue;
      }
      const expression = item as Expression;
      if (terminate) this.failOnExpression(context, expression, `'${head.text}' takes strings only (as in ca65)`, 'put numbers in a .byte line after it');
      const wrapped: Expression = byteOf ? { kind: 'unary', operator: byteOf, operand: expression, token: expression.token } : expression;
      const size = Math.abs(width);
      const address = this.claim(context, head, size, true);
      const scope = this.scope(address);
      const known = this.evaluateNow(wrapped, scope, context);
      this.fragments.push({ kind: 'data', section: this.section, address, lineIndex, width, expression: wrapped, scope, known });
    }
    if (terminate) {
      const address = this.claim(context, head, 1, true);
      this.fragments.push({ kind: 'bytes', section: this.section, address, lineIndex, bytes: new Uint8Array(1) });
    }
  }

  private reserve(context: LineContext, head: Token, cursor: TokenCursor): void {
    const items = this.parseList(context, cursor, head, false) as Expression[];
    if (items.length > 2) this.failOnExpression(context, items[2]!, `'${head.text}' takes a count and an optional fill value`);
    const count = this.evaluateRequired(items[0]!, context, `the count of ${head.text}`);
    if (count < 0 || count > 0x10000) this.failOnExpression(context, items[0]!, `${head.text} count ${count} is outside 0–65536`);
    let fill = 0;
    if (items[1]) {
      fill = this.evaluateRequired(items[1], context, `the fill value of ${head.text}`);
      if (fill < 0 || fill > 0xff) this.failOnExpression(context, items[1], `fill value ${formatValue(fill)} does not fit in a byte (0..255)`, byteHint(fill));
    }
    this.reserveBytes(context, head, count, fill);
  }

  private reserveBytes(context: LineContext, head: Token, count: number, fill: number): void {
    const emits = !this.segment.reserveOnly;
    const address = this.claim(context, head, count, emits);
    // A fill is a count and a value, not an array: a file of many large .res lines must not eat memory.
    if (emits && count > 0) this.fragments.push({ kind: 'fill', section: this.section, address, lineIndex: this.currentLineIndex, length: count, value: fill & 0xff });
    this.currentLine.reserved = !emits || count > 0;
  }

  private align(context: LineContext, head: Token, cursor: TokenCursor): void {
    const items = this.parseList(context, cursor, head, false) as Expression[];
    if (items.length > 2) this.failOnExpression(context, items[2]!, `'.align' takes a boundary and an optional fill value`);
    const boundary = this.evaluateRequired(items[0]!, context, 'the boundary of .align');
    if (boundary < 1 || boundary > 0x10000 || (boundary & (boundary - 1)) !== 0) {
      this.failOnExpression(context, items[0]!, `.align boundary ${boundary} is not a power of two from 1 to 65536`);
    }
    let fill = 0;
    if (items[1]) {
      fill = this.evaluateRequired(items[1], context, 'the fill value of .align');
      if (fill < 0 || fill > 0xff) this.failOnExpression(context, items[1], `fill value ${formatValue(fill)} does not fit in a byte (0..255)`, byteHint(fill));
    }
    const pc = this.section.pc;
    const padding = (boundary - (pc % boundary)) % boundary;
    this.reserveBytes(context, head, padding, fill);
  }

  private fileArgument(context: LineContext, head: Token, cursor: TokenCursor): Token {
    const path = cursor.next();
    if (!path || path.kind !== 'string') this.fail(context, path ?? head, `'${head.text}' needs a file name in double quotes`, `write e.g. ${head.text} "file"`);
    return path;
  }

  private include(context: LineContext, head: Token, cursor: TokenCursor): void {
    const path = this.fileArgument(context, head, cursor);
    this.expectEnd(context, cursor);
    if (!this.resolveFile) {
      this.missingInclude = true;
      this.fail(context, path, `cannot include '${path.text}': no file resolver was given to the assembler`);
    }
    if (this.includeStack.length >= MAX_INCLUDE_DEPTH) this.fail(context, path, `includes nest deeper than ${MAX_INCLUDE_DEPTH} files`);
    const found = this.findFile(path.text, context.file, 'text');
    if (!found) {
      this.missingInclude = true;
      this.fail(context, path, `cannot find include file '${path.text}'`);
    }
    const { name, content: text } = found;
    if (this.includeStack.includes(name)) this.fail(context, path, `'${path.text}' includes itself (through ${this.includeStack.join(' → ')})`);
    const content = typeof text === 'string' ? text : new TextDecoder().decode(text);
    this.sources.set(name, content);
    this.includeStack.push(name);
    try {
      this.processFile(name, content, context.depth + 1);
    } finally {
      this.includeStack.pop();
    }
  }

  /**
   * Asks the resolver for a file the way ca65 searches: beside the file that names it first, then beside each
   * file that included that one, out to the main file. Returns the content and the name it goes by.
   */
  private findFile(path: string, fromFile: string, kind: 'text' | 'binary'): { name: string; content: string | Uint8Array } | undefined {
    const askFrom = [fromFile];
    for (let index = this.includeStack.length - 1; index >= 0; index--) {
      const file = this.includeStack[index]!;
      if (!askFrom.includes(file)) askFrom.push(file);
    }
    for (const from of askFrom) {
      let content: string | Uint8Array | undefined;
      try {
        content = this.resolveFile!(path, from, kind);
      } catch {
        content = undefined;
      }
      if (content !== undefined) return { name: includedFileName(from, path), content };
    }
    return undefined;
  }

  private incbin(context: LineContext, head: Token, cursor: TokenCursor): void {
    const path = this.fileArgument(context, head, cursor);
    let offset = 0;
    let size: number | undefined;
    if (!cursor.atEnd()) {
      const comma = cursor.next()!;
      if (comma.kind !== 'operator' || comma.text !== ',') this.fail(context, comma, `expected ',' after the file name`);
      const items = this.parseList(context, cursor, head, false) as Expression[];
      offset = this.evaluateRequired(items[0]!, context, 'the .incbin offset');
      if (items[1]) size = this.evaluateRequired(items[1], context, 'the .incbin size');
      if (items.length > 2) this.failOnExpression(context, items[2]!, "'.incbin' takes a file name, an offset and a size");
    }
    if (!this.resolveFile) this.fail(context, path, `cannot read '${path.text}': no file resolver was given to the assembler`);
    const found = this.findFile(path.text, context.file, 'binary');
    if (!found) this.fail(context, path, `cannot find binary file '${path.text}'`);
    const content = found.content;
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    if (offset < 0 || offset > bytes.length) this.fail(context, path, `.incbin offset ${offset} is outside the file (${bytes.length} bytes)`);
    const end = size === undefined ? bytes.length : offset + size;
    if (size !== undefined && (size < 0 || end > bytes.length)) this.fail(context, path, `.incbin size ${size} from offset ${offset} runs past the end of the file (${bytes.length} bytes)`);
    const slice = bytes.slice(offset, end);
    const address = this.claim(context, head, slice.length, true);
    this.fragments.push({ kind: 'bytes', section: this.section, address, lineIndex: this.currentLineIndex, bytes: slice });
  }

  private message(context: LineContext, head: Token, cursor: TokenCursor, severity: Severity): void {
    const text = cursor.next();
    if (!text || text.kind !== 'string') this.fail(context, text ?? head, `'${head.text}' needs a message in double quotes`);
    this.expectEnd(context, cursor);
    this.report(severity, context, head, text.text, undefined, [], head.length);
  }

  private assert(context: LineContext, head: Token, cursor: TokenCursor): void {
    const result = parseExpression(cursor);
    if (isParseProblem(result)) this.fail(context, result.token, result.message);
    let severity: Severity = 'error';
    let message = 'assertion failed';
    if (!cursor.atEnd()) {
      const comma = cursor.next()!;
      if (comma.kind !== 'operator' || comma.text !== ',') this.fail(context, comma, "expected ',' after the .assert condition");
      const action = cursor.next();
      const word = action?.text.toLowerCase();
      if (!action || (word !== 'error' && word !== 'warning' && word !== 'ldwarning' && word !== 'lderror')) {
        this.fail(context, action ?? comma, "expected 'error' or 'warning' after the .assert condition");
      }
      severity = word === 'warning' || word === 'ldwarning' ? 'warning' : 'error';
      if (!cursor.atEnd()) {
        const second = cursor.next()!;
        const text = cursor.next();
        if (second.kind !== 'operator' || second.text !== ',' || !text || text.kind !== 'string') this.fail(context, text ?? second, 'expected a message in double quotes');
        message = text.text;
        this.expectEnd(context, cursor);
      }
    }
    this.fragments.push({ kind: 'assert', lineIndex: this.currentLineIndex, expression: result, scope: this.scope(), severity, message, token: head });
  }

  private segmentDirective(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (!name || name.kind !== 'string' || name.text.length === 0) this.fail(context, name ?? head, '.segment needs a name in double quotes', 'write e.g. .segment "CODE"');
    // An address-size suffix (`: zeropage`) is accepted and ignored: sizes follow from values here.
    this.switchSegment(name.text, context);
    this.currentLine.section = this.section;
    this.currentLine.address = this.section.pc;
  }

  /** The key for a name being defined here; `a::b` names cannot be defined from outside their scope. */
  private definitionKey(name: Token): string {
    return scopedKey(this.scopePath, name.text);
  }

  /** `.struct Name` lays out members as offsets: `Name::member` is the offset, `.sizeof(Name)` the total. */
  private startStruct(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (!name || name.kind !== 'identifier') {
      // Still swallow the members, so they do not become errors of their own.
      this.structure = { key: `__struct${++this.anonymousScopes}`, offset: 0, context, token: head };
      this.fail(context, name ?? head, '.struct needs a name', 'write e.g. .struct Point');
    }
    this.expectEnd(context, cursor);
    this.structure = { key: scopedKey(this.scopePath, name.text), offset: 0, context, token: head };
  }

  private structMember(context: LineContext, tokens: readonly Token[]): void {
    const structure = this.structure!;
    let index = 0;
    let name: Token | undefined;
    if (tokens[0]?.kind === 'identifier') name = tokens[index++];
    const directive = tokens[index];
    if (!directive) {
      if (name) this.fail(context, name, `member '${name.text}' needs a size`, "write e.g. 'xcoord .word'");
      return;
    }
    const word = directive.kind === 'directive' ? directive.text.toLowerCase() : '';
    if (word === '.endstruct' && !name) {
      this.structure = undefined;
      this.structSizes.set(structure.key, structure.offset);
      this.expectEnd(context, new TokenCursor(tokens.slice(index + 1)));
      return;
    }
    const cursor = new TokenCursor(tokens);
    cursor.index = index + 1;
    const unit: Record<string, number> = { '.byte': 1, '.byt': 1, '.res': 1, '.word': 2, '.addr': 2, '.dbyt': 2, '.faraddr': 3, '.dword': 4 };
    let size: number;
    if (word === '.tag') size = this.tagSize(context, directive, cursor);
    else if (unit[word] !== undefined) {
      let count = 1;
      if (!cursor.atEnd()) count = this.evaluateRequired(this.parseFullExpression(context, cursor, directive), context, `the count of ${directive.text}`);
      else if (word === '.res') this.fail(context, undefined, '.res needs a count', "write e.g. 'buffer .res 16'");
      if (count < 0 || count > 0x10000) this.fail(context, directive, `count ${count} is outside 0–65536`);
      size = unit[word]! * count;
    } else {
      this.fail(context, directive, `'${directive.text}' cannot be a struct member`, 'members are .byte, .word, .addr, .dbyt, .faraddr, .dword, .res n or .tag Struct');
    }
    if (name) {
      const key = scopedKey(structure.key, name.text);
      this.defineSymbol(context, name, key, 'constant', structure.offset, undefined, false);
      this.structSizes.set(key, size);
    }
    structure.offset += size;
  }

  /** The size `.tag Struct` stands for. */
  private tagSize(context: LineContext, head: Token, cursor: TokenCursor): number {
    const first = cursor.next();
    if (!first || first.kind !== 'identifier') this.fail(context, first ?? head, '.tag needs the name of a .struct');
    let name = first.text;
    while (cursor.isOperator('::') && cursor.peek(1)?.kind === 'identifier') {
      cursor.next();
      name += '::' + cursor.next()!.text;
    }
    this.expectEnd(context, cursor);
    const key = resolveScopedName(name, this.scopePath, (candidate) => this.structSizes.has(candidate));
    const size = this.structSizes.get(key);
    if (size === undefined) this.fail(context, first, `'${name}' is not a .struct defined above this line`);
    return size;
  }

  /** `.enum [name]` numbers its members 0, 1, 2, ... (or from `member = value` on); a name makes them `name::member`. */
  private startEnum(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (name && name.kind !== 'identifier') this.fail(context, name, "expected a name after '.enum'");
    this.expectEnd(context, cursor);
    if (name) {
      this.openScopes.push({ name: name.text, context, token: head });
      this.scopePath = scopedKey(this.scopePath, name.text);
    }
    this.enumeration = { next: 0, named: name !== undefined, context, token: head };
  }

  private enumMember(context: LineContext, tokens: readonly Token[]): void {
    const enumeration = this.enumeration!;
    const head = tokens[0];
    if (!head) return;
    if (head.kind === 'directive' && head.text.toLowerCase() === '.endenum') {
      this.enumeration = undefined;
      if (enumeration.named) {
        this.openScopes.pop();
        this.scopePath = this.openScopes.map((scope) => scope.name).join('::');
      }
      this.expectEnd(context, new TokenCursor(tokens.slice(1)));
      return;
    }
    if (head.kind !== 'identifier') this.fail(context, head, 'expected a member name inside .enum', "write one name per line, optionally '= value'");
    const cursor = new TokenCursor(tokens);
    cursor.index = 1;
    let value = enumeration.next;
    if (!cursor.atEnd()) {
      const equals = cursor.next()!;
      if (equals.kind !== 'operator' || equals.text !== '=') this.fail(context, equals, `unexpected '${equals.text}' after the member name`);
      const expression = this.parseFullExpression(context, cursor, equals);
      value = this.evaluateRequired(expression, context, 'the value of an .enum member');
    }
    this.defineSymbol(context, head, scopedKey(this.scopePath, head.text), 'constant', value, undefined, false);
    enumeration.next = value + 1;
  }

  /** `.proc name` is a label plus a scope; `.scope [name]` only a scope. Names inside are `name::inner`. */
  private openScope(context: LineContext, head: Token, cursor: TokenCursor, isProc: boolean): void {
    const name = cursor.next();
    const bad = (name !== undefined && name.kind !== 'identifier') || (name === undefined && isProc);
    if (bad) {
      // Open a scope anyway, so the matching .endproc/.endscope does not become a second error.
      this.openScopes.push({ name: `__scope${++this.anonymousScopes}`, context, token: head });
      this.scopePath = this.openScopes.map((scope) => scope.name).join('::');
      if (name) this.fail(context, name, `expected a name after '${head.text}'`);
      this.fail(context, head, '.proc needs a name', 'write e.g. .proc print');
    }
    // ca65 also accepts an address-size suffix (`: near`); it changes nothing here.
    if (isProc && name) this.defineLabel(context, name);
    const scopeName = name ? name.text : `__scope${++this.anonymousScopes}`;
    this.openScopes.push({ name: scopeName, context, token: head });
    this.scopePath = scopedKey(this.scopePath, scopeName);
    if (isProc) this.cheapScope = this.scopePath;
  }

  private closeScope(context: LineContext, head: Token, cursor: TokenCursor): void {
    this.expectEnd(context, cursor);
    if (this.openScopes.length === 0) this.fail(context, head, `'${head.text}' without a matching ${head.text.toLowerCase() === '.endproc' ? '.proc' : '.scope'}`);
    this.openScopes.pop();
    this.scopePath = this.openScopes.map((scope) => scope.name).join('::');
  }

  private setCpu(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (!name || name.kind !== 'string') this.fail(context, name ?? head, '.setcpu needs a CPU name in double quotes', 'write .setcpu "6502" or .setcpu "6502X"');
    const cpu = name.text.toUpperCase();
    if (cpu === '6502') this.undocumentedAllowed = false;
    else if (cpu === '6502X') this.undocumentedAllowed = true;
    else this.fail(context, name, `moth assembles for the NMOS 6502 only, not '${name.text}'`, 'use "6502", or "6502X" for the undocumented opcodes');
  }

  private define(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (!name || name.kind !== 'identifier') this.fail(context, name ?? head, 'expected a name after .define');
    const body = cursor.tokens.slice(cursor.index);
    this.defines.set(name.text, body);
  }

  // ---------------------------------------------------------------------------------------------
  // Conditionals

  private conditional(context: LineContext, word: string, head: Token, cursor: TokenCursor): void {
    const top = this.conditionals[this.conditionals.length - 1];
    switch (word) {
      case '.if':
      case '.ifdef':
      case '.ifndef':
      case '.ifblank':
      case '.ifnblank':
      case '.ifconst': {
        const parentActive = this.isActive();
        const entry: Conditional = { active: false, taken: false, parentActive, sawElse: false, context, token: head };
        this.conditionals.push(entry);
        if (!parentActive) return;
        const value = this.condition(context, word, head, cursor);
        entry.active = value;
        entry.taken = value;
        return;
      }
      case '.elseif': {
        if (!top) this.fail(context, head, "'.elseif' without a matching .if");
        if (top.sawElse) this.fail(context, head, "'.elseif' after '.else'");
        if (!top.parentActive || top.taken) {
          top.active = false;
          return;
        }
        const value = this.condition(context, '.if', head, cursor);
        top.active = value;
        top.taken = value;
        return;
      }
      case '.else':
        if (!top) this.fail(context, head, "'.else' without a matching .if");
        if (top.sawElse) this.fail(context, head, "a second '.else' for the same .if", undefined, [{ message: 'the .if starts here', location: { file: top.context.file, line: top.context.line, column: top.token.column + 1 } }]);
        top.sawElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
        this.expectEnd(context, cursor);
        return;
      case '.endif':
        if (!top) this.fail(context, head, "'.endif' without a matching .if");
        this.conditionals.pop();
        this.expectEnd(context, cursor);
        return;
    }
  }

  private condition(context: LineContext, word: string, head: Token, cursor: TokenCursor): boolean {
    if (word === '.ifblank' || word === '.ifnblank') return (cursor.atEnd()) === (word === '.ifblank');
    if (word === '.ifdef' || word === '.ifndef') {
      const name = cursor.next();
      if (!name || (name.kind !== 'identifier' && name.kind !== 'local')) this.fail(context, name ?? head, `'${head.text}' needs a symbol name`);
      this.expectEnd(context, cursor);
      const key = name.kind === 'local' ? localKey(this.cheapScope, name.text) : this.resolveName(name.text, this.scopePath);
      const defined = this.symbols.has(key) || this.defines.has(name.text);
      return defined === (word === '.ifdef');
    }
    const expression = this.parseFullExpression(context, cursor, head);
    if (word === '.ifconst') return this.evaluateNow(expression, this.scope(), context) !== undefined;
    return this.evaluateRequired(expression, context, `the condition of ${head.text}`) !== 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Macros and repeats

  private startMacro(context: LineContext, head: Token, cursor: TokenCursor): void {
    try {
      this.defineMacroHeader(context, head, cursor);
    } catch (error) {
      this.skipBodyAfterError(context, head, 'macro');
      throw error;
    }
  }

  /** A broken .macro or .repeat line still owns the lines up to its end: skip them instead of assembling them. */
  private skipBodyAfterError(context: LineContext, head: Token, kind: Recording['kind']): void {
    const location = { file: context.file, line: context.line, column: head.column + 1 };
    this.recording = { kind, name: '', parameters: [], body: [], location, context, token: head, nesting: 0, count: 0, discard: true };
  }

  private defineMacroHeader(context: LineContext, head: Token, cursor: TokenCursor): void {
    const name = cursor.next();
    if (!name || name.kind !== 'identifier') this.fail(context, name ?? head, '.macro needs a name', 'write e.g. .macro add16 target, value');
    if (OPCODES_BY_MNEMONIC.has(name.text.toUpperCase())) this.fail(context, name, `'${name.text}' is an instruction and cannot be a macro name`);
    const parameters: string[] = [];
    while (!cursor.atEnd()) {
      const parameter = cursor.next()!;
      if (parameter.kind !== 'identifier') this.fail(context, parameter, `expected a parameter name, found '${parameter.text}'`);
      parameters.push(parameter.text);
      if (cursor.atEnd()) break;
      const comma = cursor.next()!;
      if (comma.kind !== 'operator' || comma.text !== ',') this.fail(context, comma, "expected ',' between parameter names");
    }
    const location = { file: context.file, line: context.line, column: name.column + 1 };
    const existing = this.macros.get(name.text);
    if (existing) this.fail(context, name, `macro '${name.text}' is already defined`, undefined, [{ message: 'first defined here', location: existing.location }]);
    this.recording = { kind: 'macro', name: name.text, parameters, body: [], location, context, token: head, nesting: 0, count: 0, discard: false };
  }

  private startRepeat(context: LineContext, head: Token, cursor: TokenCursor): void {
    try {
      this.repeatHeader(context, head, cursor);
    } catch (error) {
      this.skipBodyAfterError(context, head, 'repeat');
      throw error;
    }
  }

  private repeatHeader(context: LineContext, head: Token, cursor: TokenCursor): void {
    const result = parseExpression(cursor);
    if (isParseProblem(result)) this.fail(context, result.token, result.message);
    const count = this.evaluateRequired(result, context, 'the count of .repeat');
    if (count < 0 || count > MAX_REPEAT) this.failOnExpression(context, result, `.repeat count ${count} is outside 0–${MAX_REPEAT}`);
    const parameters: string[] = [];
    if (!cursor.atEnd()) {
      const comma = cursor.next()!;
      const counter = cursor.next();
      if (comma.kind !== 'operator' || comma.text !== ',' || !counter || counter.kind !== 'identifier') this.fail(context, counter ?? comma, 'expected a counter name after the comma');
      parameters.push(counter.text);
      this.expectEnd(context, cursor);
    }
    const location = { file: context.file, line: context.line, column: head.column + 1 };
    this.recording = { kind: 'repeat', name: '.repeat', parameters, body: [], location, context, token: head, nesting: 0, count, discard: false };
  }

  /** Collects body lines until the matching end directive. */
  private record(context: LineContext, tokens: readonly Token[]): void {
    const recording = this.recording!;
    const first = tokens[0];
    const word = first && first.kind === 'directive' ? first.text.toLowerCase() : '';
    const opens = recording.kind === 'macro' ? word === '.macro' || word === '.mac' : word === '.repeat' || word === '.rept';
    const closes = recording.kind === 'macro' ? word === '.endmacro' || word === '.endmac' : word === '.endrepeat' || word === '.endrep';
    if (opens) recording.nesting++;
    if (closes) {
      if (recording.nesting === 0) {
        this.recording = undefined;
        this.newLine(context);
        if (recording.discard) return;
        if (recording.kind === 'macro') {
          this.macros.set(recording.name, { name: recording.name, parameters: recording.parameters, body: recording.body, location: recording.location });
        } else {
          this.guard(() => this.runRepeat(recording));
        }
        return;
      }
      recording.nesting--;
    }
    recording.body.push({ context, tokens });
  }

  private runRepeat(recording: Recording): void {
    const counter = recording.parameters[0];
    for (let iteration = 0; iteration < recording.count; iteration++) {
      const substitutions = new Map<string, readonly Token[]>();
      if (counter !== undefined) substitutions.set(counter, [{ kind: 'number', text: String(iteration), value: iteration, column: 0, length: 1 }]);
      this.expandBody(recording.body, substitutions, recording.context, undefined);
      if (this.errorCount > MAX_DIAGNOSTICS || this.expansionLimitReported) return;
    }
  }

  private expandMacro(context: LineContext, head: Token, macro: MacroDefinition, argumentTokens: readonly Token[]): void {
    // After a runaway was reported, the macro expands to nothing: a macro calling itself twice would
    // otherwise go on for 2^64 calls, reporting at every leaf.
    if (this.deepMacros.has(macro.name)) throw new StatementAbort();
    if (this.macroDepth >= MAX_MACRO_DEPTH) {
      this.deepMacros.add(macro.name);
      this.fail(context, head, `macro '${macro.name}' expands ${MAX_MACRO_DEPTH} levels deep`, 'a macro that calls itself needs an .if that stops it');
    }
    const argumentsList = splitArguments(argumentTokens);
    if (argumentsList.length > macro.parameters.length) {
      const extra = argumentsList[macro.parameters.length]![0] ?? head;
      this.fail(context, extra, `macro '${macro.name}' takes ${macro.parameters.length} argument${macro.parameters.length === 1 ? '' : 's'}, got ${argumentsList.length}`, undefined, [
        { message: `'${macro.name}' is defined here`, location: macro.location },
      ]);
    }
    const substitutions = new Map<string, readonly Token[]>();
    macro.parameters.forEach((parameter, index) => substitutions.set(parameter, argumentsList[index] ?? []));
    this.currentLine.column = head.column + 1;
    const callSite = context.macroCall ?? { file: context.file, line: context.line, column: head.column + 1 };
    this.expandBody(macro.body, substitutions, context, { callSite, name: macro.name, parameterCount: argumentsList.length });
  }

  private expandBody(
    body: MacroDefinition['body'],
    substitutions: Map<string, readonly Token[]>,
    caller: LineContext,
    macro: { callSite: SourceLocation; name: string; parameterCount: number } | undefined,
  ): void {
    this.macroDepth++;
    const expansion = ++this.expansionCounter;
    const locals = new Map<string, string>();
    const savedExit = this.exitMacroRequested;
    const conditionalDepth = this.conditionals.length;
    this.exitMacroRequested = false;
    try {
      // Each expansion counts as a line too, so repeating an empty body millions of times also stops.
      if (!this.countExpandedLine(caller)) return;
      for (const bodyLine of body) {
        if (!this.countExpandedLine(caller)) break;
        const first = bodyLine.tokens[0];
        if (macro && first && first.kind === 'directive' && first.text.toLowerCase() === '.local' && this.isActive()) {
          for (const token of bodyLine.tokens.slice(1)) {
            if (token.kind === 'identifier') locals.set(token.text, `${token.text}.${expansion}`);
          }
          continue;
        }
        const tokens = substitute(bodyLine.tokens, substitutions, locals, macro?.parameterCount);
        const source = bodyLine.context;
        const context = this.lineRecord(
          source.file,
          source.line,
          source.text,
          caller.depth,
          macro ? macro.callSite : caller.macroCall,
          macro ? macro.name : caller.macroName,
        );
        this.processLine(context, tokens);
        if (this.exitMacroRequested) {
          // .exitmacro may sit inside an .if of the body: those .ifs end with the expansion.
          this.conditionals.length = Math.max(conditionalDepth, Math.min(this.conditionals.length, conditionalDepth));
          break;
        }
      }
    } finally {
      this.macroDepth--;
      this.exitMacroRequested = savedExit;
    }
  }

  /** Counts one line of expansion; false (after one error) once the total passes MAX_EXPANDED_LINES. */
  private countExpandedLine(caller: LineContext): boolean {
    if (++this.expandedLines <= MAX_EXPANDED_LINES) return true;
    if (!this.expansionLimitReported) {
      this.expansionLimitReported = true;
      this.report(
        'error',
        caller,
        lineStartToken(),
        `macro and .repeat expansions produced more than ${groupThousands(MAX_EXPANDED_LINES)} lines`,
        'look for a .repeat with a huge count or macros that multiply each other',
        [],
        1,
      );
    }
    return false;
  }

  private finishLayout(): void {
    this.placeSections();
    if (this.recording) {
      const recording = this.recording;
      this.recording = undefined;
      this.report('error', recording.context, recording.token, `'${recording.token.text}' is never closed`, `add '${recording.kind === 'macro' ? '.endmacro' : '.endrepeat'}' after the body`);
    }
    if (this.structure) {
      this.report('error', this.structure.context, this.structure.token, "'.struct' is never closed", "add '.endstruct' after the members");
      this.structure = undefined;
    }
    if (this.enumeration) {
      this.report('error', this.enumeration.context, this.enumeration.token, "'.enum' is never closed", "add '.endenum' after the members");
      if (this.enumeration.named) this.openScopes.pop();
      this.enumeration = undefined;
    }
    for (const open of this.openScopes) {
      this.report('error', open.context, open.token, `'${open.token.text}' is never closed`, `add '${open.token.text.toLowerCase() === '.proc' ? '.endproc' : '.endscope'}' at its end`);
    }
    for (const open of this.conditionals) {
      this.report('error', open.context, open.token, `'${open.token.text}' is never closed`, "add '.endif' after the conditional lines");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Emit pass

  private emit(memory: Uint8Array, owner: Int32Array): void {
    const overlapReported = new Set<number>();
    const write = (address: number, value: number, lineIndex: number): void => {
      if (address > 0xffff) return;
      const previous = owner[address]!;
      if (previous !== 0 && previous !== lineIndex + 1 && !overlapReported.has(lineIndex)) {
        overlapReported.add(lineIndex);
        const earlier = this.lines[previous - 1]!;
        const line = this.lines[lineIndex]!;
        this.report('error', line, lineStartToken(line.column - 1), `the bytes at $${hexDigits(address, 4)} were already written by an earlier line`, 'check your .org addresses: two parts of the program overlap', [
          { message: 'the earlier bytes come from here', location: { file: earlier.file, line: earlier.line, column: 1 } },
        ], 1);
      }
      owner[address] = lineIndex + 1;
      memory[address] = value & 0xff;
    };
    for (const fragment of this.fragments) {
      this.currentLineIndex = fragment.lineIndex;
      const line = this.lines[fragment.lineIndex]!;
      const context: LineContext = line;
      const at = fragment.kind === 'assert' ? 0 : fragment.section.shift + fragment.address;
      switch (fragment.kind) {
        case 'bytes':
          for (let index = 0; index < fragment.bytes.length; index++) write(at + index, fragment.bytes[index]!, fragment.lineIndex);
          break;
        case 'fill':
          for (let index = 0; index < fragment.length && at + index <= 0xffff; index++) write(at + index, fragment.value, fragment.lineIndex);
          break;
        case 'data': {
          const value = fragment.known ?? this.evaluateFinal(fragment.expression, fragment.scope, context) ?? 0;
          this.checkDataRange(context, fragment.expression, value, fragment.width);
          if (fragment.width === -2) {
            write(at, value >> 8, fragment.lineIndex);
            write(at + 1, value, fragment.lineIndex);
          } else {
            for (let index = 0; index < fragment.width; index++) write(at + index, value >> (8 * index), fragment.lineIndex);
          }
          break;
        }
        case 'instruction': {
          write(at, fragment.info.opcode, fragment.lineIndex);
          if (fragment.info.length === 1 || !fragment.expression) break;
          const value = fragment.known ?? this.evaluateFinal(fragment.expression, fragment.scope, context);
          const operand = value === undefined ? 0 : this.operandValue(context, fragment, value, at);
          write(at + 1, operand, fragment.lineIndex);
          if (fragment.info.length === 3) write(at + 2, operand >> 8, fragment.lineIndex);
          break;
        }
        case 'assert': {
          const value = this.evaluateFinal(fragment.expression, fragment.scope, context);
          if (value === 0) this.report(fragment.severity, context, fragment.token, fragment.message, undefined, [], fragment.token.length);
          break;
        }
      }
    }
  }

  private checkDataRange(context: LineContext, expression: Expression, value: number, width: DataWidth): void {
    const span = expressionSpan(expression);
    const length = span.end - span.column;
    const caret = { ...expression.token, column: span.column };
    // ca65's ranges: bytes 0..255 and words 0..65535; a negative number needs < to pick its low byte.
    if (width === 1 && (value < 0 || value > 0xff)) {
      this.report('error', context, caret, `value ${formatValue(value)} does not fit in a byte (0..255)`, byteHint(value), [], length);
    } else if (width === 3 && (value < 0 || value > 0xffffff)) {
      this.report('error', context, caret, `value ${formatValue(value)} does not fit in three bytes (0..$FFFFFF)`, undefined, [], length);
    } else if ((width === 2 || width === -2) && (value < 0 || value > 0xffff)) {
      this.report('error', context, caret, `value ${formatValue(value)} does not fit in a word (0..65535)`, value < 0 ? `write .loword(${value}) to store its two's complement` : undefined, [], length);
    }
  }

  /** Range-checks an operand for its mode and returns the bytes' value (for branches, the offset). */
  private operandValue(context: LineContext, fragment: Extract<Fragment, { kind: 'instruction' }>, value: number, address: number): number {
    const expression = fragment.expression!;
    const span = expressionSpan(expression);
    const caret = { ...expression.token, column: span.column };
    const length = span.end - span.column;
    const info = fragment.info;
    const error = (message: string, hint?: string): number => {
      this.report('error', context, caret, message, hint, [], length);
      return 0;
    };
    switch (info.mode) {
      case 'relative': {
        const distance = value - (address + 2);
        if (value < 0 || value > 0xffff) return error(`branch target ${formatValue(value)} is outside $0000–$FFFF`);
        if (distance < -128 || distance > 127) {
          return error(
            `branch target $${hexDigits(value, 4)} is ${Math.abs(distance)} bytes ${distance < 0 ? 'back' : 'ahead'}; the limit is -128..+127`,
            `branches reach only 128 bytes back or 127 ahead; use JMP, or branch on the opposite condition over a JMP (e.g. '${invertBranch(info.mnemonic)} skip' / 'JMP far' / 'skip:')`,
          );
        }
        return distance & 0xff;
      }
      case 'immediate':
        if (value < 0 || value > 0xff) return error(`immediate value ${formatValue(value)} does not fit in a byte (0..255)`, byteHint(value, '#'));
        return value & 0xff;
      case 'zeroPage':
      case 'zeroPageX':
      case 'zeroPageY':
      case 'indexedIndirectX':
      case 'indirectIndexedY':
        if (value < 0 || value > 0xff) {
          const why = fragment.zeroPageOnly && (info.mode === 'zeroPageX' || info.mode === 'zeroPageY')
            ? `${info.mnemonic} has no ${modeName(absoluteOf(info.mode))} mode`
            : info.mode === 'indexedIndirectX' || info.mode === 'indirectIndexedY'
              ? 'the pointer of an indirect mode lives in zero page ($00–$FF)'
              : `${modeName(info.mode)} addresses are $00–$FF`;
          return error(`address ${formatValue(value)} does not fit in zero page`, why);
        }
        return value;
      default: {
        if (value < 0 || value > 0xffff) return error(`address ${formatValue(value)} is outside $0000–$FFFF`);
        if (fragment.absoluteBecauseUnknown && value <= 0xff) {
          const forward = findSymbol(expression, (leaf) => this.isForwardReference(leaf, fragment.lineIndex, fragment.scope));
          const name = forward?.token.text ?? 'the operand';
          this.report(
            'warning',
            context,
            caret,
            `absolute addressing used for '${name}' ($${hexDigits(value, 2)}), because it is defined after this line`,
            `define '${name}' above this line or write 'z:${name}' to get the shorter zero-page form; write 'a:${name}' to keep absolute and silence this`,
            [],
            length,
          );
        }
        if (info.mode === 'indirect' && (value & 0xff) === 0xff) {
          this.report('warning', context, caret, `JMP ($${hexDigits(value, 4)}) reads its high byte from $${hexDigits(value & 0xff00, 4)}, not $${hexDigits((value + 1) & 0xffff, 4)}`, 'the 6502 does not carry into the high byte of the pointer: keep the pointer off the last byte of a page', [], length);
        }
        return value;
      }
    }
  }

  private isForwardReference(leaf: Expression, lineIndex: number, scope: EvaluationScope): boolean {
    let key: string | undefined;
    if (leaf.kind === 'symbol') key = this.resolveName(leaf.name, scope.scopePath);
    else if (leaf.kind === 'local') key = localKey(scope.cheapScope, leaf.name);
    else if (leaf.kind === 'unnamed') return leaf.distance > 0;
    const record = key !== undefined ? this.symbols.get(key) : undefined;
    return record !== undefined && record.lineIndex >= lineIndex;
  }

  // ---------------------------------------------------------------------------------------------
  // Results

  private result(memory: Uint8Array, owner: Int32Array): AssemblyResult {
    const ok = this.errorCount === 0;
    let lowest = -1;
    let highest = -1;
    for (let address = 0; address < 0x10000; address++) {
      if (owner[address] !== 0) {
        if (lowest < 0) lowest = address;
        highest = address;
      }
    }
    const image = ok && lowest >= 0 ? { start: lowest, bytes: memory.slice(lowest, highest + 1) } : undefined;
    const segments: SegmentInfo[] = [];
    for (const segment of this.segments.values()) {
      let lowest = Infinity;
      let highest = -1;
      for (const section of segment.sections) {
        if (section.highest < section.lowest) continue;
        lowest = Math.min(lowest, section.shift + section.lowest);
        highest = Math.max(highest, section.shift + section.highest);
      }
      if (highest >= lowest) segments.push({ name: segment.name, start: lowest, size: highest - lowest + 1 });
    }
    const symbols = new Map<string, SymbolInfo>();
    for (const record of this.symbols.values()) {
      if (record.kind === 'unnamed') continue;
      const value = this.symbolValue(record, false);
      if (value === undefined) continue;
      symbols.set(record.name, { name: record.name, value, kind: record.kind, location: record.location });
    }
    const debugMap: DebugMapEntry[] = [];
    for (const line of this.lines) {
      if (!line.emits || line.length === 0) continue;
      const location = { file: line.file, line: line.line, column: line.column };
      const address = line.section.shift + line.address;
      debugMap.push(line.macroCall ? { address, length: line.length, location, macroCall: line.macroCall } : { address, length: line.length, location });
    }
    debugMap.sort((first, second) => first.address - second.address);
    const order = this.diagnostics.map((_, index) => index);
    order.sort((first, second) => this.diagnosticLines[first]! - this.diagnosticLines[second]! || first - second);
    // The listing and symbol file are text nobody may ask for: built on first read, they cost nothing otherwise.
    const listing = once(() => listingText(this.lines, memory));
    const symbolFile = once(() => symbolFileText(symbols));
    return {
      ok,
      diagnostics: order.map((index) => this.diagnostics[index]!),
      image,
      segments,
      symbols,
      debugMap,
      get listing(): string {
        return listing();
      },
      get symbolFile(): string {
        return symbolFile();
      },
      sources: this.sources,
    };
  }
}

function once(build: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= build());
}

function absoluteOf(mode: InstructionInfo['mode']): InstructionInfo['mode'] {
  if (mode === 'zeroPage') return 'absolute';
  if (mode === 'zeroPageX') return 'absoluteX';
  if (mode === 'zeroPageY') return 'absoluteY';
  return mode;
}

function byteHint(value: number, prefix = ''): string {
  if (value < 0) return `negative numbers are not bytes here (as in ca65): write ${prefix}<(${value}) to use its low byte $${hexDigits(value & 0xff, 2)}`;
  return `use ${prefix}<value for the low byte or ${prefix}>value for the high byte`;
}

function invertBranch(mnemonic: string): string {
  const opposite: Record<string, string> = { BEQ: 'BNE', BNE: 'BEQ', BCC: 'BCS', BCS: 'BCC', BMI: 'BPL', BPL: 'BMI', BVC: 'BVS', BVS: 'BVC' };
  return opposite[mnemonic] ?? 'BNE';
}

/** `$1234` for addresses-like values, plain decimal for negatives. */
function formatValue(value: number): string {
  return value < 0 ? String(value) : `$${value.toString(16).toUpperCase().padStart(value > 0xff ? 4 : 2, '0')}`;
}
