/**
 * The assembler's shared state: one object every part of the assembler reads and writes (symbols, lines,
 * fragments, segments, open conditionals/macros/scopes, diagnostics), and the shapes of what it holds.
 */
import type { CpuVariant } from '../cpu/variants.js';
import type { InstructionInfo } from '../cpu/instruction-set.js';
import type { Diagnostic, Severity } from './diagnostics.js';
import type { EvaluationContext, Expression } from './expressions.js';
import type { Token } from './lexer.js';
import type { SourceLocation } from './source.js';
import type { EvaluationScope, Placement, SymbolRecord } from './symbols.js';

export type ResolveFile = (path: string, fromFile: string, kind: 'text' | 'binary') => string | Uint8Array | undefined;

export interface AssembleOptions {
  /** Name used in diagnostics and the debug map; default `input.s`. */
  readonly fileName?: string;
  /** Supplies `.include` and `.incbin` files; the assembler itself never touches a file system. */
  readonly resolveFile?: ResolveFile;
  /** Where code starts when the source has no `.org` (default $0600). */
  readonly defaultOrigin?: number;
  /**
   * One module of a linked program: every segment stays relocatable until the linker places it, `.import`ed
   * names get their values from the linker, and a second `.org` keeps the bytes in the segment's stream (ca65).
   */
  readonly module?: boolean;
  /** Constants defined before the first line, like `ca65 -D name=value`. */
  readonly predefined?: ReadonlyMap<string, number>;
  /** The CPU the source is for until a `.setcpu` says otherwise: '6502' (default) or '65c02' (as ca65's --cpu). */
  readonly cpu?: CpuVariant;
  /** `--feature` names, on from the first line (see features.ts). */
  readonly features?: readonly string[];
  /**
   * The value of `.time`, in seconds since 1970. ca65 gives the moment it runs; the API gives 0 unless told, so
   * that an assembly depends only on its inputs (the command line passes $SOURCE_DATE_EPOCH, else the clock).
   */
  readonly time?: number;
}

/** Where a statement came from. */
export interface LineContext {
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
export interface LineRecord extends LineContext {
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

export interface Segment {
  readonly name: string;
  readonly zeroPage: boolean;
  /** Nothing here is written to the image (ZEROPAGE, BSS): `.res` only reserves addresses. */
  readonly reserveOnly: boolean;
  readonly sections: Section[];
  current: Section;
  /** The largest `.align` used in it while relocatable: the linker starts this module's part on such a boundary. */
  alignment: number;
}

export interface Section extends Placement {
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
  /** The program counter the section started at: its bytes are `pc - startPc` long. */
  startPc: number;
  /** Where its bytes begin in the segment's stream of bytes (after the sections before it), for the linker. */
  readonly streamOffset: number;
  /**
   * A single file without a linker: the image address its first byte goes to. A ca65 `.org` section follows the
   * section before it (only its labels move); a placing `*=` section, and a segment's first, go where they say.
   * undefined until known (a relocatable segment's stream gets it when placeSections places the segment).
   */
  loadStart: number | undefined;
  /**
   * Where the emit pass writes: byte at offset `o` goes to `output[o + outputDelta]`. Without a linker that is
   * the 64K memory (delta = shift); the linker aims it at a memory area's buffer; undefined writes nothing.
   */
  output: { readonly bytes: Uint8Array; readonly owner: Int32Array; /** For `.res`/`.align` without a value. */ readonly fill: number } | undefined;
  outputDelta: number;
}

export type DataWidth = 1 | 2 | -2 | 3 | 4;

export type Fragment =
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
      /** BBR/BBS: the branch target, after the zero-page operand. */
      readonly target?: Expression | undefined;
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
      /** undefined: no value was written (`.res 4`), so the linker's fill value goes there, as in ld65. */
      readonly value: number | undefined;
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

export interface MacroDefinition {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly body: readonly { readonly context: LineContext; readonly tokens: readonly Token[] }[];
  readonly location: SourceLocation;
}

export interface Recording {
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

export interface Conditional {
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
export function lineStartToken(column = 0): Token {
  return { kind: 'error', text: '', value: 0, column, length: 1 };
}

/** Thrown inside one statement's processing to stop it after a reported error; caught per line. */
export class StatementAbort {}

export const UTF8 = new TextEncoder();
export const MAX_INCLUDE_DEPTH = 16;
export const MAX_MACRO_DEPTH = 64;
export const MAX_DIAGNOSTICS = 2000;
export const MAX_REPEAT = 65536;
/** Lines produced by macro and .repeat expansion, in total: a runaway expansion stops here with an error. */
export const MAX_EXPANDED_LINES = 250_000;

/** Everything the assembler knows while it works; created once per assembly. */
export class Assembly {
  readonly fileName: string;
  readonly resolveFile: ResolveFile | undefined;
  readonly defaultOrigin: number;
  readonly module: boolean;
  /** Names declared with .export/.exportzp/.global(zp) (defined here), in order, for the linker. */
  readonly exported = new Map<string, { readonly token: Token; readonly context: LineContext }>();
  /** ca65 features turned on (features.ts), lower case. */
  readonly features = new Set<string>();
  /** The first line index from which force_range holds (Infinity: never). */
  forceRangeFrom = Infinity;
  /** `.end` was reached: the rest of the source is not read. */
  ended = false;
  /** Macro packages already loaded with .macpack. */
  readonly macroPackages = new Set<string>();
  /** `.autoimport +`: names used but never defined are looked for among other modules' exports. */
  autoImport = false;
  /** The linker's answer for an imported name (undefined until linking, or when nothing exports it). */
  importValue: ((name: string) => number | undefined) | undefined;

  readonly diagnostics: Diagnostic[] = [];
  /** The line index each diagnostic belongs to, so both passes' messages come out in source order. */
  readonly diagnosticLines: number[] = [];
  readonly failedNames = new Set<string>();
  suggestionComparisons = 0;
  /** An .include failed: names it would have defined are not reported as undefined one by one. */
  missingInclude = false;
  globalNames: string[] | undefined;
  errorCount = 0;
  readonly sources = new Map<string, string>();
  readonly symbols = new Map<string, SymbolRecord>();
  readonly macros = new Map<string, MacroDefinition>();
  /**
   * `.define` names: their tokens (already expanded with the `.define`s known where it was defined, as ca65
   * does), the parameter names of a `.define NAME(p1, p2)`, and where it was defined.
   */
  readonly defines = new Map<string, { readonly parameters: readonly string[] | undefined; readonly body: readonly Token[]; readonly location: SourceLocation }>();
  /** What `.time` gives (seconds since 1970); see AssembleOptions.time. */
  readonly time: number;
  readonly lines: LineRecord[] = [];
  readonly fragments: Fragment[] = [];
  readonly segments = new Map<string, Segment>();
  segment!: Segment;
  readonly conditionals: Conditional[] = [];
  recording: Recording | undefined;
  readonly includeStack: string[] = [];
  macroDepth = 0;
  expansionCounter = 0;
  expandedLines = 0;
  readonly deepMacros = new Set<string>();
  expansionLimitReported = false;
  exitMacroRequested = false;
  cheapScope = '';
  /** Enclosing .proc/.scope names joined by `::`, and the lines that opened them (for "never closed"). */
  scopePath = '';
  readonly openScopes: {
    readonly name: string;
    readonly context: LineContext;
    readonly token: Token;
    /** scopePath outside it, put back when it closes (joining the open names again cost a walk of them all). */
    readonly outerPath: string;
    readonly start?: { readonly section: Section; readonly pc: number };
  }[] = [];
  /** Bytes inside each closed `.proc`/`.scope`, by its key, for `.sizeof(name)`. */
  readonly scopeSizes = new Map<string, number>();
  anonymousScopes = 0;
  /** Inside `.struct` … `.endstruct`: the struct's key, the next member's offset and where it started. */
  structure: { readonly key: string; offset: number; readonly context: LineContext; readonly token: Token } | undefined;
  /** Sizes of structs and of their members, by key, for `.sizeof` and `.tag`. */
  readonly structSizes = new Map<string, number>();
  /** Inside `.enum` … `.endenum`: the next member's value and where the enum started. */
  enumeration: { next: number; readonly named: boolean; readonly context: LineContext; readonly token: Token } | undefined;
  unnamedCount = 0;
  undocumentedAllowed = false;
  /** `.setcpu "65C02"` / `.pc02` (or `--cpu 65c02`): the 65C02's instructions instead of the NMOS ones. */
  cmos = false;
  currentLineIndex = -1;
  /** A label was defined on the current line: once the line ends its `.sizeof` is known (evaluation.ts learned). */
  labelLineOpen = false;
  /** Column just after the last token of the statement being processed: where "expected ... at the end" points. */
  statementEnd = 0;

  /** Where the one evaluation context is aimed. `final`: every symbol must be known now (the emit pass); `quiet`: a division by zero is left to a later report. */
  // One evaluation context, re-aimed before each evaluation: building closures per operand was the assembler's
  // largest source of garbage on big programs. Nested evaluations (pending constants) save and restore the aim.
  evaluationScope: EvaluationScope | undefined;
  evaluationLine: LineContext | undefined;
  evaluationFinal = false;
  evaluationQuiet = true;
  /** While a pending constant is evaluated: the pending constants it meets (evaluation.ts resolvePending). */
  dependencies: SymbolRecord[] | undefined;
  /** How many times a pending constant's expression was evaluated: the work chains of constants cost (tests read it). */
  pendingEvaluations = 0;
  /** Sizing: labels of relocatable sections count as unknown (see sizeNow). */
  evaluationConstantsOnly = false;
  /** The one evaluation context, made on first use by evaluation.ts. */
  evaluation: EvaluationContext | undefined;

  constructor(options: AssembleOptions) {
    this.fileName = options.fileName ?? 'input.s';
    this.resolveFile = options.resolveFile;
    this.cmos = options.cpu === '65c02';
    const origin = options.defaultOrigin ?? 0x0600;
    this.defaultOrigin = Number.isInteger(origin) && origin >= 0 && origin <= 0xffff ? origin : 0x0600;
    this.module = options.module ?? false;
    this.time = options.time ?? 0;
  }

  /** The section code goes to now. */
  get section(): Section {
    return this.segment.current;
  }

  /** The line being processed (the layout pass) or emitted. */
  get currentLine(): LineRecord {
    return this.lines[this.currentLineIndex]!;
  }
}
