/**
 * Writes src/cpu/engine/loop-<variant>.generated.ts, one file per CPU variant: the readable run loop of
 * src/cpu/execute.ts with the small helpers its cases call (addressing modes, memory access, flags, ALU,
 * stack) inlined, so V8 need not spend its inlining budget, and with the variant's questions (`cpu.cmos`,
 * `cpu.decimalMode`, `cpu.baseCycles`) answered as constants and the branches they rule out left out.
 *
 * Why: V8 inlines at most ~920 bytes of bytecode into one optimized function, which a 151-case switch uses up
 * after a handful of cases; every other case then pays real calls. Inlining at build time removes those
 * calls (measured in docs/cpu.md). The readable loop stays the source of truth; this script only rewrites
 * call expressions, and lean-loop.test.ts fails when the generated file is out of date.
 *
 * Run: `npm run generate` (test/cpu/lean-loop.test.ts fails while the file is stale).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CPU_VARIANTS, VARIANTS, type CpuVariant } from '../src/cpu/variants.js';

/** The repository root: the nearest folder above this file with a package.json (this file also runs bundled, from dist/). */
function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('no package.json above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  return folder;
}

const CPU_DIR = join(repositoryRoot(), 'src/cpu/');

/** Where a variant's generated loops go; the chip's own files are one folder up. */
export function generatedFile(variant: CpuVariant): string {
  return join(CPU_DIR, `engine/loop-${variant}.generated.ts`);
}

/**
 * The fields of a Cpu that name its variant (set at construction, never changed), and what each becomes in a
 * variant's loop. Conditions on them fold away: the NMOS loop has no trace of the 65C02's branches.
 */
export function variantConstants(variant: CpuVariant): ReadonlyMap<string, string> {
  const facts = VARIANTS[variant];
  return new Map([
    ['cmos', String(facts.cmos)],
    ['decimalMode', String(facts.decimalMode)],
    ['baseCycles', 'CYCLES'],
  ]);
}

/** `cpu.cmos` and the like, as they appear in text copied unchanged (the lean loop's cold cases). */
export function withVariantConstants(text: string, constants: ReadonlyMap<string, string>): string {
  return text.replace(/\bcpu\.(\w+)\b/g, (whole, field: string) => constants.get(field) ?? whole);
}

/** A condition's text when it is a constant after folding. */
function constantCondition(text: string): boolean | undefined {
  const bare = text.replace(/^\((.*)\)$/, '$1').trim();
  return bare === 'true' ? true : bare === 'false' ? false : undefined;
}

/** Files whose functions may be inlined. */
const HELPER_FILES = ['addressing.ts', 'memory.ts', 'flags.ts', 'alu.ts', 'stack.ts', 'read-modify-write.ts', 'execute.ts'];

/** The helpers inlined into the loop. The rest (decimal mode, interrupts, undocumented opcodes) stay calls. */
const INLINED = new Set([
  'fetchByte', 'fetchWord', 'zeroPage', 'zeroPageX', 'zeroPageY', 'absolute', 'absoluteX', 'absoluteY',
  'absoluteXRead', 'absoluteYRead', 'zeroPagePointer', 'indexedIndirectX', 'indirectIndexedY',
  'indirectIndexedYRead', 'indirect', 'branchTo', 'branchIf', 'read', 'write', 'writeUnchanged', 'setZN', 'statusPushedBySoftware',
  'statusFromStack', 'push', 'pull', 'pushWord', 'pullWord', 'compare', 'shiftLeft', 'shiftRight', 'rotateLeft',
  'rotateRight', 'bitTest', 'addWithCarry', 'subtractWithBorrow', 'shiftLeftMemory', 'shiftRightMemory',
  'rotateLeftMemory', 'rotateRightMemory', 'incrementMemory', 'decrementMemory', 'wakesFromWait',
]);

/**
 * The Cpu fields the lean loop keeps in local variables. A field lives in memory: the next instruction
 * cannot start before the store of the last one has gone through and been read back, and `cycles` is a
 * double held in a separate box, so every `+=` is two dependent loads and a store. In locals TurboFan keeps
 * them in machine registers (measured in docs/cpu.md). The registers A, X, Y, SP and P stay fields: as
 * locals they saved no time and made the loop slower to compile.
 */
export const REGISTER_LOCALS: readonly string[] = ['pc', 'cycles', 'instructions', 'instructionStart', 'runLimit'];

/**
 * Every call the lean loop makes that can see the CPU: what it returns, which fields it reads and which it
 * may change. Before the call the locals among both lists are written back to `cpu`; after it, those it may
 * change are read back. Short lists keep the compiled loop small, which matters: TurboFan's compile time
 * grows with it, and a one-shot `moth run` waits for that compile. A device on the bus, or a debugger's
 * watchpoint condition, may look at every register but only ever lowers `runLimit` (to raise an interrupt
 * or ask for a stop). A call not listed here stops the generator.
 */
export interface KnownCall {
  /** What the call gives back: nothing, a number, why the run stops (or undefined), or the run's own result. */
  readonly result: 'void' | 'number' | 'stop' | 'final';
  readonly reads: readonly string[];
  readonly changes: readonly string[];
}
export const CALLS: Readonly<Record<string, KnownCall>> = {
  'cpu.bus.read': { result: 'number', reads: REGISTER_LOCALS, changes: ['runLimit'] },
  'cpu.bus.write': { result: 'void', reads: REGISTER_LOCALS, changes: ['runLimit'] },
  addDecimal: { result: 'void', reads: ['a', 'p', 'cycles'], changes: ['a', 'p', 'cycles'] },
  subtractDecimal: { result: 'void', reads: ['a', 'p', 'cycles'], changes: ['a', 'p', 'cycles'] },
  interruptsUnmasked: { result: 'void', reads: [], changes: ['runLimit'] },
  enterIrq: { result: 'void', reads: REGISTER_LOCALS, changes: REGISTER_LOCALS },
  enterNmi: { result: 'void', reads: REGISTER_LOCALS, changes: REGISTER_LOCALS },
  runColdOpcode: { result: 'stop', reads: REGISTER_LOCALS, changes: REGISTER_LOCALS },
  finish: { result: 'final', reads: REGISTER_LOCALS, changes: [] },
};

/** Where a call's value waits while the locals are read back, by the kind of value. */
const RESULT_HOLDERS = { number: '$result', stop: '$stop' } as const;

const localName = (field: string): string => `$${field}`;
const writeBack = (fields: readonly string[], locals: readonly string[]): string =>
  fields.filter((field) => locals.includes(field)).map((field) => `cpu.${field} = ${localName(field)}`).join(', ');
const readBack = (fields: readonly string[], locals: readonly string[]): string =>
  fields.filter((field) => locals.includes(field)).map((field) => `${localName(field)} = cpu.${field}`).join(', ');

export interface Helper {
  readonly declaration: ts.FunctionDeclaration;
  readonly file: ts.SourceFile;
  /** Module-level numeric constants of the helper's file, inlined as literals. */
  readonly constants: ReadonlyMap<string, string>;
}

export function parse(name: string): ts.SourceFile {
  const path = CPU_DIR + name;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function numericConstants(file: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && ts.isNumericLiteral(declaration.initializer)) {
        constants.set(declaration.name.text, declaration.initializer.text);
      }
    }
  }
  return constants;
}

export function collectHelpers(): Map<string, Helper> {
  const helpers = new Map<string, Helper>();
  for (const name of HELPER_FILES) {
    const file = parse(name);
    const constants = numericConstants(file);
    for (const statement of file.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && INLINED.has(statement.name.text)) {
        helpers.set(statement.name.text, { declaration: statement, file, constants });
      }
    }
  }
  for (const name of INLINED) if (!helpers.has(name)) throw new Error(`helper ${name} not found`);
  return helpers;
}

/** Removes comments from the punctuation between child nodes (the output joins them onto one line). */
function stripComments(gap: string): string {
  return gap.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

export class Inliner {
  private temporaries = 0;
  maxTemporaries = { number: 0, boolean: 0 };
  private booleans = 0;
  /** Functions the inlined bodies call that stay calls: module file → names, for the import lines. */
  readonly extraImports = new Map<string, Set<string>>();
  private readonly functionsOf = new Map<ts.SourceFile, Set<string>>();

  /**
   * `registersInLocals`: emit for the lean loop, with `locals` (REGISTER_LOCALS unless told) as locals and
   * `calls` saying what each call may see; the wasm core keeps every register local (wasm-core-generator.ts).
   */
  constructor(
    private readonly helpers: ReadonlyMap<string, Helper>,
    readonly constants: ReadonlyMap<string, string>,
    readonly registersInLocals = false,
    readonly locals: readonly string[] = REGISTER_LOCALS,
    private readonly calls: Readonly<Record<string, KnownCall>> = CALLS,
  ) {}

  private topLevelFunctions(file: ts.SourceFile): Set<string> {
    let names = this.functionsOf.get(file);
    if (names === undefined) {
      names = new Set(
        file.statements.filter(ts.isFunctionDeclaration).flatMap((declaration) => (declaration.name ? [declaration.name.text] : [])),
      );
      this.functionsOf.set(file, names);
    }
    return names;
  }

  /** Temporaries restart for every case: each case uses its own short run of them. */
  resetTemporaries(): void {
    this.temporaries = 0;
    this.booleans = 0;
  }

  private temporary(type: 'number' | 'boolean'): string {
    if (type === 'boolean') {
      const name = `flag${this.booleans++}`;
      this.maxTemporaries.boolean = Math.max(this.maxTemporaries.boolean, this.booleans);
      return name;
    }
    const name = `t${this.temporaries++}`;
    this.maxTemporaries.number = Math.max(this.maxTemporaries.number, this.temporaries);
    return name;
  }

  /** The text of `node` with helper calls inlined; `names` renames identifiers (parameters, locals, constants). */
  emit(node: ts.Node, file: ts.SourceFile, names: ReadonlyMap<string, string>): string {
    const folded = this.fold(node, file, names);
    if (folded !== undefined) return folded;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && this.helpers.has(node.expression.text)) {
      return this.inlineCall(node.expression.text, node.arguments.map((argument) => this.emit(argument, file, names)));
    }
    if (this.registersInLocals && ts.isCallExpression(node) && this.seesTheCpu(node, names)) {
      const callee = this.emit(node.expression, file, names);
      return this.callWithRegistersWrittenBack(callee, node.arguments.map((argument) => this.emit(argument, file, names)));
    }
    if (this.registersInLocals && ts.isPropertyAccessExpression(node) && this.locals.includes(node.name.text)) {
      if (this.emit(node.expression, file, names) === 'cpu') return localName(node.name.text);
    }
    if (ts.isIdentifier(node)) {
      const renamed = names.get(node.text);
      if (renamed !== undefined) return renamed;
      if (!file.fileName.endsWith('execute.ts') && this.topLevelFunctions(file).has(node.text)) {
        const module = '../' + file.fileName.split('/').pop()!.replace(/\.ts$/, '.js');
        if (!this.extraImports.has(module)) this.extraImports.set(module, new Set());
        this.extraImports.get(module)!.add(node.text);
      }
      return node.text;
    }
    if (ts.isPropertyAccessExpression(node)) return `${this.emit(node.expression, file, names)}.${node.name.text}`;
    const children = node.getChildren(file);
    if (children.length === 0) return node.getText(file);
    let text = '';
    let position = node.getStart(file);
    for (const child of children) {
      const start = child.getStart(file);
      text += stripComments(file.text.slice(position, start)) + this.emit(child, file, names);
      position = child.getEnd();
    }
    return text;
  }

  /**
   * The variant's constants and what they decide: `cpu.cmos` → `false`, `false ? a : b` → `b`,
   * `x && true` → `x`, `!false` → `true`. Undefined when `node` is none of these.
   */
  fold(node: ts.Node, file: ts.SourceFile, names: ReadonlyMap<string, string>): string | undefined {
    // Only expressions that mention a variant constant are looked at, so nothing is emitted (inlined) twice.
    if (!this.mentionsVariant(node)) return undefined;
    if (ts.isPropertyAccessExpression(node) && this.constants.has(node.name.text)) {
      if (this.emit(node.expression, file, names) === 'cpu') return this.constants.get(node.name.text)!;
      return undefined;
    }
    if (ts.isParenthesizedExpression(node)) {
      const inner = this.emit(node.expression, file, names);
      return constantCondition(inner) === undefined ? undefined : inner;
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const operand = constantCondition(this.emit(node.operand, file, names));
      return operand === undefined ? undefined : String(!operand);
    }
    if (ts.isConditionalExpression(node)) {
      const condition = constantCondition(this.emit(node.condition, file, names));
      if (condition === undefined) return undefined;
      return this.emit(condition ? node.whenTrue : node.whenFalse, file, names);
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator !== ts.SyntaxKind.AmpersandAmpersandToken && operator !== ts.SyntaxKind.BarBarToken) return undefined;
      const left = this.emit(node.left, file, names);
      const right = this.emit(node.right, file, names);
      const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
      const leftValue = constantCondition(left);
      const rightValue = constantCondition(right);
      // Only the variant's constants fold, and the conditions they take part in have no side effects.
      if (leftValue !== undefined) return leftValue === and ? right : String(leftValue);
      if (rightValue !== undefined) return rightValue === and ? left : String(rightValue);
      return undefined;
    }
    return undefined;
  }

  /** Whether `node` reads one of the variant's constants (`cpu.cmos`, ...) anywhere inside. */
  mentionsVariant(node: ts.Node): boolean {
    if (ts.isPropertyAccessExpression(node) && this.constants.has(node.name.text) && ts.isIdentifier(node.expression)) return true;
    return node.forEachChild((child) => (this.mentionsVariant(child) ? true : undefined)) ?? false;
  }

  /** Whether a call is handed the CPU (`f(cpu, …)`) or is made on one of its parts (`cpu.bus.read(…)`). */
  private seesTheCpu(call: ts.CallExpression, names: ReadonlyMap<string, string>): boolean {
    const isCpu = (node: ts.Node): boolean => ts.isIdentifier(node) && (names.get(node.text) ?? node.text) === 'cpu';
    let callee: ts.Node = call.expression;
    while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
    return isCpu(callee) || call.arguments.some(isCpu);
  }

  /** A call that may look at the CPU: the locals are written back before it and read again after it. */
  callWithRegistersWrittenBack(callee: string, argumentTexts: readonly string[]): string {
    const call = `${callee}(${argumentTexts.join(', ')})`;
    const known = this.calls[callee];
    if (known === undefined) throw new Error(`the lean loop calls ${callee}: add it to CALLS`);
    // What the call may change is written back too, or reading it back could restore a stale value.
    const before = writeBack(this.locals.filter((field) => known.reads.includes(field) || known.changes.includes(field)), this.locals);
    const after = known.result === 'final' ? '' : readBack(known.changes, this.locals);
    const holder = known.result === 'number' || known.result === 'stop' ? RESULT_HOLDERS[known.result] : undefined;
    const parts =
      after === '' ? [before, call] : holder === undefined ? [before, call, after] : [before, `${holder} = ${call}`, after, holder];
    return `(${parts.filter((part) => part !== '').join(', ')})`;

  }

  private inlineCall(name: string, argumentTexts: readonly string[]): string {
    const helper = this.helpers.get(name)!;
    const names = new Map(helper.constants);
    const parts: string[] = [];
    helper.declaration.parameters.forEach((parameter, index) => {
      const parameterName = (parameter.name as ts.Identifier).text;
      const argument = argumentTexts[index]!;
      if (/^(cpu|0x[0-9a-f]+|\d+)$/i.test(argument)) {
        names.set(parameterName, argument);
      } else {
        const type = parameter.type?.getText(helper.file) === 'boolean' ? 'boolean' : 'number';
        const temporary = this.temporary(type);
        names.set(parameterName, temporary);
        parts.push(`${temporary} = ${argument}`);
      }
    });
    const body = this.statements(helper.declaration.body!.statements, helper.file, names, name);
    return `(${[...parts, body].join(', ')})`;
  }

  /** A statement list as one expression; early `if (…) { …; return; }` becomes a conditional. */
  private statements(statements: readonly ts.Statement[], file: ts.SourceFile, names: Map<string, string>, helper: string): string {
    const parts: string[] = [];
    for (let index = 0; index < statements.length; index++) {
      const statement = statements[index]!;
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const value = this.emit(declaration.initializer!, file, names);
          const temporary = this.temporary('number');
          names.set((declaration.name as ts.Identifier).text, temporary);
          parts.push(`${temporary} = ${value}`);
        }
      } else if (ts.isExpressionStatement(statement)) {
        parts.push(`(${this.emit(statement.expression, file, names)})`);
      } else if (ts.isReturnStatement(statement)) {
        if (index !== statements.length - 1) throw new Error(`${helper}: return before the end`);
        parts.push(statement.expression ? `(${this.emit(statement.expression, file, names)})` : '0');
      } else if (ts.isIfStatement(statement) && constantCondition(this.emit(statement.expression, file, names)) !== undefined) {
        // A variant constant decided it: only the branch taken remains.
        const taken = constantCondition(this.emit(statement.expression, file, names))
          ? statement.thenStatement
          : statement.elseStatement;
        const rest = statements.slice(index + 1);
        const chosen = taken === undefined ? [] : ts.isBlock(taken) ? [...taken.statements] : [taken];
        const last = chosen[chosen.length - 1];
        if (last !== undefined && ts.isReturnStatement(last)) rest.length = 0; // the rest is never reached
        if (chosen.length === 0 && rest.length === 0) parts.push('0');
        else parts.push(this.statements([...chosen, ...rest], file, names, helper));
        return parts.join(', ');
      } else if (ts.isIfStatement(statement)) {
        const condition = this.emit(statement.expression, file, names);
        const thenStatements = ts.isBlock(statement.thenStatement) ? [...statement.thenStatement.statements] : [statement.thenStatement];
        const endsInReturn = ts.isReturnStatement(thenStatements[thenStatements.length - 1]!);
        if (endsInReturn && statement.elseStatement === undefined) {
          const whenTrue = this.statements(thenStatements, file, new Map(names), helper);
          const whenFalse = this.statements(statements.slice(index + 1), file, names, helper);
          parts.push(`(${condition} ? ${whenTrue} : ${whenFalse})`);
          return parts.join(', ');
        }
        const whenTrue = this.statements(thenStatements, file, names, helper);
        const elseStatements = statement.elseStatement
          ? ts.isBlock(statement.elseStatement) ? [...statement.elseStatement.statements] : [statement.elseStatement]
          : [];
        const whenFalse = elseStatements.length > 0 ? this.statements(elseStatements, file, names, helper) : '0';
        parts.push(`(${condition} ? ${whenTrue} : ${whenFalse})`);
      } else {
        throw new Error(`${helper}: cannot inline a ${ts.SyntaxKind[statement.kind]}`);
      }
    }
    return parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
  }
}

/**
 * The opcodes the lean loop keeps inline: the ones typical programs spend their time in (loads, stores,
 * compares, branches, increments, the stack, subroutines, logic and binary arithmetic on the cheap modes,
 * shifts and rotates on A and on zero page). Every other case (the rarer addressing modes, BRK/RTI, flag
 * instructions programs rarely use, JAM and the undocumented opcodes) moves, as written in execute.ts, to a
 * second function the loop calls. Why: TurboFan's compile time grows with the size of the function, and until
 * it is done the loop runs interpreted at 1/50 of the speed, so for a one-shot `moth run` a small hot loop is
 * worth more than saving a call on rare opcodes (measured in docs/cpu.md). Chosen from opcode counts of the
 * bench programs (sieve, crc32, muldiv) and Klaus Dormann's functional test.
 */
export const HOT_OPCODES = new Set<number>([
  // LDA/LDX/LDY, STA/STX/STY
  0xa9, 0xa5, 0xb5, 0xad, 0xbd, 0xb9, 0xb1, 0xa2, 0xa6, 0xae, 0xa0, 0xa4, 0xac,
  0x85, 0x95, 0x8d, 0x9d, 0x99, 0x91, 0x86, 0x8e, 0x84, 0x8c,
  // transfers, INX/INY/DEX/DEY
  0xaa, 0xa8, 0x8a, 0x98, 0xe8, 0xc8, 0xca, 0x88,
  // stack
  0x48, 0x68, 0x08, 0x28,
  // AND/ORA/EOR on immediate and zero page; ADC/SBC in every mode (Klaus Dormann's test sends 8% of its
  // instructions to them: as cold opcodes they took 15% of its profile, see docs/cpu.md)
  0x29, 0x25, 0x09, 0x05, 0x49, 0x45,
  0x69, 0x65, 0x75, 0x6d, 0x7d, 0x79, 0x61, 0x71, 0xe9, 0xe5, 0xf5, 0xed, 0xfd, 0xf9, 0xe1, 0xf1,
  // CMP/CPX/CPY
  0xc9, 0xc5, 0xcd, 0xe0, 0xc0,
  // INC/DEC, ASL/LSR/ROL/ROR on zero page and on A
  0xe6, 0xc6, 0x06, 0x46, 0x26, 0x66, 0x0a, 0x4a, 0x2a, 0x6a,
  // jumps, subroutines, branches, carry flag
  0x4c, 0x20, 0x60, 0x10, 0x30, 0x50, 0x70, 0x90, 0xb0, 0xd0, 0xf0, 0x18, 0x38,
]);

/** The complete text of a variant's generated loops (src/cpu/engine/loop-<variant>.generated.ts). */
export function generateLoops(variant: CpuVariant): string {
  const variantFacts = variantConstants(variant);
  const helpers = collectHelpers();
  const execute = parse('execute.ts');
  const runLean = execute.statements.find(
    (statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === 'runLean',
  );
  if (!runLean?.body) throw new Error('runLean not found in execute.ts');

  // The checked loop: the whole switch. Rewritten statement by statement so temporaries restart per case.
  const fullInliner = new Inliner(helpers, variantFacts);
  const fullBody = withTemporaries(emitWithCaseResets(fullInliner, runLean.body, execute, new Map()), fullInliner);
  // The lean loop: hot cases inlined, the rest in runColdOpcode exactly as execute.ts writes them.
  const hotInliner = new Inliner(helpers, variantFacts, true);
  const coldClauses: string[] = [];
  const hotBody = withTemporaries(
    emitWithCaseResets(hotInliner, runLean.body, execute, new Map(), coldClauses, VARIANTS[variant].baseCycles),
    hotInliner,
  );
  // Each hot case adds its own base cycles as a constant (below), which saves a table look-up per instruction.
  const sharedCycleLine = /\n[ \t]*\$cycles \+= CYCLES\[opcode\]!;/g;
  if (hotBody.match(sharedCycleLine)?.length !== 1) throw new Error('execute.ts runLean needs exactly one "cpu.cycles += CYCLES[opcode]!;" line');
  const coldFunction = [
    `function runColdOpcode(cpu: Cpu, opcode: number): StopReason | undefined {`,
    '  switch (opcode) {',
    ...coldClauses.map((clause) => `    ${withVariantConstants(clause.trim(), variantFacts)}`),
    '  }',
    '  return undefined;',
    '}',
  ].join('\n');

  const importDeclarations = execute.statements.filter(ts.isImportDeclaration);
  const alreadyImported = new Set(
    importDeclarations.flatMap((declaration) => {
      const bindings = declaration.importClause?.namedBindings;
      return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => element.name.text) : [];
    }),
  );
  const extraImports = [...fullInliner.extraImports]
    .map(([module, functionNames]) => [module, [...functionNames].filter((name) => !alreadyImported.has(name)).sort()] as const)
    .filter(([, functionNames]) => functionNames.length > 0)
    .map(([module, functionNames]) => `import { ${functionNames.join(', ')} } from '${module}';`);
  // The generated file lives in engine/, one folder below the modules execute.ts imports.
  const imports = [...importDeclarations.map((declaration) => declaration.getText(execute).replace("from './", "from '../")), ...extraImports].join('\n');
  const constants = [
    `const CYCLES = VARIANTS['${variant}'].baseCycles; // cpu.baseCycles in execute.ts`,
    ...execute.statements.filter((statement) => ts.isVariableStatement(statement)).map((statement) => statement.getText(execute)),
  ].join('\n');

  const checkpoint = '// CHECKPOINT: the generated checked loop asks stopBeforeInstruction (engine/checked-loop.ts) here.';
  if (fullBody.split(checkpoint).length !== 2) throw new Error('execute.ts runLean needs exactly one CHECKPOINT line');
  const budgetLine = 'const end = cpu.cycles + budget;';
  if (fullBody.split(budgetLine).length !== 2) throw new Error(`execute.ts runLean needs exactly one "${budgetLine}"`);
  // Moving cold clauses out leaves blank lines behind; keep at most one in a row.
  const leanBody = withoutReadableLoopNote(hotBody)
    .replace(checkpoint, '// (the checked loop checks for breakpoints here)')
    .replace(sharedCycleLine, '')
    .replace(/\n(?:[ \t]*\n)+/g, '\n\n');
  const checkedBody = withoutReadableLoopNote(fullBody)
    .replace(budgetLine, `${budgetLine}\n  let first = true; // the first instruction of a run is never stopped before`)
    .replace(
      checkpoint,
      // A stop before the instruction a CLI/PLP lets run first keeps that delay for the resumed run (Cpu.irqHeldBack).
      '{ const stop = stopBeforeInstruction(cpu, first); first = false; if (stop !== undefined) { if (cpu.irqHeldBack) cpu.irqDelayed = true; return finish(cpu, stop); } }',
    );

  return [
    '// GENERATED by scripts/generate-loops.ts (npm run generate) from src/cpu/execute.ts — do not edit.',
    `// The readable loop (execute.ts runLean) for the ${VARIANTS[variant].title}, its small helpers inlined; see docs/cpu.md for why.`,
    imports,
    "import { stopBeforeInstruction } from './checked-loop.js';",
    "import { finish, interruptsUnmasked } from '../execute.js';",
    "import { VARIANTS } from '../variants.js';",
    '',
    constants,
    '',
    '/**',
    ' * execute.ts runLean, helpers inlined, with only the common opcodes in its switch (HOT_OPCODES in the',
    ' * generator); the others run in runColdOpcode below. Same behaviour, checked by the whole CPU test suite.',
    ' */',
    `export function runLeanInlined(cpu: Cpu, budget: number): StopReason ${leanBody}`,
    '',
    '/** The lean loop\'s rarely used opcodes; returns why the run must stop, or undefined to go on. */',
    coldFunction,
    '',
    '/** The same loop, every opcode inline, with stopBeforeInstruction (checked-loop.ts) asked before every instruction. */',
    `export function runCheckedInlined(cpu: Cpu, budget: number): StopReason ${checkedBody}`,
    '',
  ].join('\n');
}

/** The comment in execute.ts that says how the readable loop differs from the generated ones: not true of them. */
const READABLE_LOOP_NOTE = /\n[ \t]*\/\/ This readable loop works on the cpu's fields;[^\n]*\n[ \t]*\/\/[^\n]*/;

function withoutReadableLoopNote(body: string): string {
  if (!READABLE_LOOP_NOTE.test(body)) throw new Error("execute.ts runLean: the comment 'This readable loop works on the cpu's fields' is gone; update READABLE_LOOP_NOTE");
  return body.replace(READABLE_LOOP_NOTE, '');
}

function temporaryDeclarations(inliner: Inliner): string[] {
  const numberTemporaries = Array.from({ length: inliner.maxTemporaries.number }, (_, index) => `t${index} = 0`);
  const booleanTemporaries = Array.from({ length: inliner.maxTemporaries.boolean }, (_, index) => `flag${index} = false`);
  const registers = inliner.registersInLocals
    ? [
        '  // The registers and counters as locals (REGISTER_LOCALS in the generator), written back around calls.',
        `  let ${inliner.locals.map((field) => `${localName(field)} = cpu.${field}`).join(', ')};`,
        '  let $result = 0;',
        '  let $stop: StopReason | undefined;',
      ]
    : [];
  return [
    ...registers,
    numberTemporaries.length > 0 ? `  let ${numberTemporaries.join(', ')};` : '',
    booleanTemporaries.length > 0 ? `  let ${booleanTemporaries.join(', ')};` : '',
  ].filter((line) => line !== '');
}

/** A function body (`{ … }`) with the inliner's temporaries declared at its top. */
export function withTemporaries(bodyText: string, inliner: Inliner): string {
  return bodyText.replace(/^\{/, `{\n${temporaryDeclarations(inliner).join('\n')}`);
}

/** A case clause stays in the lean loop when every label is a hot opcode; `default` never does. */
function isHotClause(clause: ts.CaseClause | ts.DefaultClause): boolean {
  if (ts.isDefaultClause(clause)) return false;
  return ts.isNumericLiteral(clause.expression) && HOT_OPCODES.has(Number(clause.expression.text));
}

export function emitWithCaseResets(
  inliner: Inliner,
  body: ts.Block,
  file: ts.SourceFile,
  names: Map<string, string>,
  /** When given, clauses of cold opcodes are left out and collected here, as written in execute.ts. */
  coldClauses?: string[],
  /** The variant's base cycles, which hot cases add as constants. */
  baseCycles?: Uint8Array,
): string {
  // Walk to every case clause and emit each separately; everything else is emitted as is.
  const emitNode = (node: ts.Node): string => {
    if (ts.isCaseClause(node) || ts.isDefaultClause(node)) inliner.resetTemporaries();
    if (ts.isCallExpression(node) || ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      return inliner.emit(node, file, names);
    }
    if (ts.isIfStatement(node) && inliner.mentionsVariant(node.expression)) {
      // A variant constant decides it: keep the branch taken, or nothing.
      const condition = constantCondition(inliner.emit(node.expression, file, names));
      if (condition !== undefined) {
        const taken = condition ? node.thenStatement : node.elseStatement;
        return taken === undefined ? '' : emitNode(taken);
      }
    }
    const folded = inliner.fold(node, file, names);
    if (folded !== undefined) return folded;
    const children = node.getChildren(file);
    if (children.length === 0) return node.getText(file);
    let text = '';
    let position = node.getStart(file);
    let lastCold = -1; // index in coldClauses of the clause just moved out, to give it its trailing comment
    for (const child of children) {
      const start = child.getStart(file);
      let gap = file.text.slice(position, start);
      if (lastCold >= 0) {
        const lineEnd = gap.indexOf('\n');
        const sameLine = lineEnd < 0 ? gap : gap.slice(0, lineEnd);
        coldClauses![lastCold] += sameLine.trimEnd();
        gap = gap.slice(sameLine.length);
        lastCold = -1;
      }
      position = child.getEnd();
      if (coldClauses !== undefined && (ts.isCaseClause(child) || ts.isDefaultClause(child)) && !isHotClause(child)) {
        // Cold cases keep their helper calls: they run rarely, and the smaller function compiles 2-3x faster.
        coldClauses.push(file.text.slice(child.getStart(file), child.getEnd()));
        lastCold = coldClauses.length - 1;
        const coldCall = inliner.registersInLocals
          ? `default: { ${localName('cycles')} += CYCLES[opcode]!; const stop = ${inliner.callWithRegistersWrittenBack('runColdOpcode', ['cpu', 'opcode'])}; if (stop !== undefined) return stop; break; }`
          : 'default: { const stop = runColdOpcode(cpu, opcode); if (stop !== undefined) return stop; break; }';
        text += ts.isDefaultClause(child) ? gap + coldCall : gap.replace(/[ \t]+$/, '');
        continue;
      }
      if (coldClauses !== undefined && inliner.registersInLocals && ts.isCaseClause(child)) {
        // A hot case starts by adding its base cycles (a constant here; execute.ts looks them up before the switch).
        const label = `case ${child.expression.getText(file)}:`;
        const clause = emitNode(child);
        if (!clause.startsWith(label)) throw new Error(`unexpected case clause ${clause.slice(0, 40)}`);
        const cycles = baseCycles![Number(child.expression.getText(file))]!;
        text += gap + `${label} ${localName('cycles')} += ${cycles};${clause.slice(label.length)}`;
        continue;
      }
      text += gap + emitNode(child);
    }
    return text;
  };
  return emitNode(body);
}

// `npm run generate` runs this file (bundled by esbuild) to write the generated loops.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const variant of CPU_VARIANTS) {
    writeFileSync(generatedFile(variant), generateLoops(variant));
    console.log(`wrote ${generatedFile(variant)}`);
  }
}
