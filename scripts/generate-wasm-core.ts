/**
 * Writes src/cpu/engine/wasm-core.generated.ts: the readable run loop of execute.ts, compiled to WebAssembly.
 *
 * How: the lean-loop generator's Inliner first writes runLean with its helpers inlined and every register in
 * a local (as TypeScript); this file then prints that function, and the helpers it still calls (decimal
 * mode, interrupts, undocumented opcodes), as AssemblyScript — the same statements, with the Cpu object's
 * fields as wasm globals, cpu.memory and the hook tables as loads and stores on the wasm memory, and the bus
 * as two imported functions — and compiles that with the AssemblyScript compiler (an npm package). Nothing
 * here describes the CPU: execute.ts and its helpers stay the one description.
 *
 * Run: `npm run generate` (test/cpu/wasm-core.test.ts fails while the file is stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { STOP_REASONS, WASM_EVENTS, WASM_LAYOUT, WASM_STATE } from '../src/cpu/engine/wasm-core.js';
import { CPU_VARIANTS, VARIANTS, type CpuVariant } from '../src/cpu/variants.js';
import {
  CALLS, collectHelpers, emitWithCaseResets, generatedFile, Inliner, parse, variantConstants, withTemporaries, withVariantConstants,
} from './generate-loops.js';
import type { KnownCall } from './generate-loops.js';

/** Where the wasm core goes: beside the generated lean loop. */
export const WASM_GENERATED_FILE = generatedFile('6502').replace(/[^/]+$/, 'wasm-core.generated.ts');

/** Every register and counter is a local of the wasm loop; only calls see the globals. */
const WASM_LOCALS: readonly string[] = ['a', 'x', 'y', 'sp', 'p', 'pc', 'cycles', 'instructions', 'instructionStart', 'runLimit'];

/**
 * What each call the wasm loop makes may see (see CALLS in the lean-loop generator). Here A, X, Y, SP and P
 * are locals too, so a call that may look at the whole CPU gets all of them written back first.
 */
const WASM_CALLS: Readonly<Record<string, KnownCall>> = {
  ...CALLS,
  'cpu.bus.read': { result: 'number', reads: WASM_LOCALS, changes: ['runLimit'] },
  'cpu.bus.write': { result: 'void', reads: WASM_LOCALS, changes: ['runLimit'] },
  enterIrq: { result: 'void', reads: WASM_LOCALS, changes: WASM_LOCALS },
  enterNmi: { result: 'void', reads: WASM_LOCALS, changes: WASM_LOCALS },
  breakInstruction: { result: 'void', reads: WASM_LOCALS, changes: WASM_LOCALS },
  returnFromInterrupt: { result: 'void', reads: WASM_LOCALS, changes: WASM_LOCALS },
  executeUndocumented: { result: 'stop', reads: WASM_LOCALS, changes: WASM_LOCALS },
  runColdOpcode: { result: 'stop', reads: WASM_LOCALS, changes: WASM_LOCALS },
  finish: { result: 'final', reads: WASM_LOCALS, changes: [] },
};

/** The CPU source files whose functions the wasm module may need. */
const SOURCE_FILES = [
  'addressing.ts', 'memory.ts', 'flags.ts', 'alu.ts', 'stack.ts', 'read-modify-write.ts', 'interrupts.ts', 'undocumented.ts', '65c02.ts',
  'execute.ts',
];

/** The names under which the inlined run loop and its function of rarely used opcodes are parsed again. */
const RUN_LOOP_FILE = 'run-loop.ts';
const COLD_OPCODES_FILE = 'cold-opcodes.ts';

/** The readable loop's one cycle-table look-up, as the inliner writes it (each case adds its own instead). */
const SHARED_CYCLE_LINE = '$cycles += CYCLES[opcode]!;';

/** What stands for `undefined` where a stop reason is expected: "no stop". */
const NO_STOP = -1;

const STATE_TYPES: ReadonlyMap<string, string> = new Map(WASM_STATE);
const globalName = (field: string): string => `cpu_${field}`;

/** A TypeScript type written in the CPU sources, as its wasm type. */
function wasmType(type: ts.TypeNode | undefined, file: ts.SourceFile, parameterName?: string): string {
  if (parameterName === 'budget') return 'f64'; // counts cycles, like cpu.cycles
  const text = type?.getText(file).replace(/\s+/g, ' ');
  switch (text) {
    case 'number': return 'i32';
    case 'boolean': return 'bool';
    case 'void': return 'void';
    case 'StopReason':
    case 'StopReason | undefined': return 'i32';
    default: throw new Error(`no wasm type for ${text ?? '(none)'}${parameterName ? ` (parameter ${parameterName})` : ''}`);
  }
}

/** Prints TypeScript from the CPU sources as AssemblyScript; `cpu` becomes the module's globals. */
class AssemblyScriptPrinter {
  /** Names of the functions printed calls refer to (the caller prints those too). */
  readonly called = new Set<string>();
  /** Byte tables the printed code looks up (see modeSwitch), as AssemblyScript declarations. */
  readonly tables: string[] = [];

  /** `constants`: what `cpu.cmos`, `cpu.decimalMode` and `cpu.baseCycles` are in this variant's loop. */
  constructor(private readonly constants: ReadonlyMap<string, string>) {}

  print(node: ts.Node, file: ts.SourceFile): string {
    if (ts.isNonNullExpression(node)) return this.print(node.expression, file);
    // Each opcode's case adds its own base cycles as a constant, instead of the loop's one table look-up
    // (the cold opcodes' `default:` keeps the look-up: the same line, inside the clause).
    const inClause = (statement: ts.Node): boolean => ts.isDefaultClause(statement.parent.parent) || ts.isDefaultClause(statement.parent);
    if (ts.isExpressionStatement(node) && node.getText(file) === SHARED_CYCLE_LINE && !inClause(node)) return '';
    if (ts.isSwitchStatement(node)) {
      const modeSwitch = this.modeSwitch(node, file);
      if (modeSwitch !== undefined) return modeSwitch;
    }
    if (ts.isElementAccessExpression(node)) return this.load(node, file);
    if (ts.isBinaryExpression(node)) {
      const special = this.binary(node, file);
      if (special !== undefined) return special;
    }
    if (ts.isCallExpression(node)) return this.call(node, file);
    if (ts.isPropertyAccessExpression(node)) return this.property(node, file);
    if (ts.isStringLiteral(node)) return String(this.stopCode(node.text));
    if (ts.isIdentifier(node) && node.text === 'undefined') return String(NO_STOP);
    if (ts.isVariableDeclaration(node) && node.type !== undefined) {
      if (node.initializer !== undefined) throw new Error(`typed declaration with a value: ${node.getText(file)}`);
      return `${node.name.getText(file)}: ${wasmType(node.type, file)} = ${NO_STOP}`;
    }
    const children = node.getChildren(file);
    if (children.length === 0) return node.getText(file);
    let text = '';
    let position = node.getStart(file);
    for (const child of children) {
      text += file.text.slice(position, child.getStart(file)) + this.print(child, file);
      position = child.getEnd();
    }
    return text;
  }

  /**
   * `switch (ROWS[opcode]!.mode) { case 'immediate': … }`, where ROWS is a variant's opcode table
   * (`VARIANTS['65c02'].rows`): wasm has no strings, so the modes become numbers, looked up in a byte table
   * made here from the same rows (one byte per opcode: the case it goes to). Undefined for any other switch.
   */
  private modeSwitch(node: ts.SwitchStatement, file: ts.SourceFile): string | undefined {
    let expression: ts.Expression = node.expression;
    if (!ts.isPropertyAccessExpression(expression) || expression.name.text !== 'mode') return undefined;
    expression = expression.expression;
    if (ts.isNonNullExpression(expression)) expression = expression.expression;
    if (!ts.isElementAccessExpression(expression) || !ts.isIdentifier(expression.expression)) return undefined;
    const tableName = expression.expression.text;
    const declaration = file.statements
      .filter(ts.isVariableStatement)
      .flatMap((statement) => [...statement.declarationList.declarations])
      .find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === tableName);
    const variant = /^VARIANTS\['([^']+)'\]\.rows$/.exec(declaration?.initializer?.getText(file) ?? '')?.[1] as CpuVariant | undefined;
    if (variant === undefined || !(variant in VARIANTS)) throw new Error(`${tableName}: a switch on .mode needs a variant's rows`);
    const labels = node.caseBlock.clauses.flatMap((clause) => {
      if (ts.isDefaultClause(clause)) return [];
      if (!ts.isStringLiteral(clause.expression)) throw new Error(`a switch on .mode with a case that is not a mode: ${clause.getText(file)}`);
      return [clause.expression.text];
    });
    const other = labels.length; // the default clause's number
    const bytes = VARIANTS[variant].rows.map((row) => (labels.includes(row.mode) ? labels.indexOf(row.mode) : other));
    const table = `MODE_CASES_${this.tables.length}`;
    this.tables.push(`const ${table} = memory.data<u8>([${bytes.join(', ')}]);`);
    const clauses = node.caseBlock.clauses.map((clause) => {
      const label = ts.isDefaultClause(clause) ? 'default:' : `case ${labels.indexOf((clause.expression as ts.StringLiteral).text)}:`;
      return `${label}\n${clause.statements.map((statement) => this.print(statement, file)).join('\n')}`;
    });
    return `switch (<i32>load<u8>(${table} + (${this.print(expression.argumentExpression, file)}))) {\n${clauses.join('\n')}\n}`;
  }

  private stopCode(reason: string): number {
    const code = STOP_REASONS.indexOf(reason as (typeof STOP_REASONS)[number]);
    if (code < 0) throw new Error(`string "${reason}" is no stop reason; the wasm core has no strings`);
    return code;
  }

  /**
   * `cpu.memory[i]`, `cpu.readHooks[i]`, `cpu.writeHooks[i]` and `CYCLES[i]` as loads from the wasm memory.
   * Each is widened to i32 at once: AssemblyScript computes on a u8 in 8 bits, so `byte << 8` would be 0.
   */
  private load(node: ts.ElementAccessExpression, file: ts.SourceFile): string {
    const index = this.print(node.argumentExpression, file);
    const array = node.expression.getText(file);
    switch (array) {
      case 'cpu.memory': return `<i32>load<u8>(${index})`;
      case 'cpu.readHooks': return `<i32>load<u8>(${index}, READ_HOOKS)`;
      case 'cpu.writeHooks': return `<i32>load<u8>(${index}, WRITE_HOOKS)`;
      case 'CYCLES': return `<i32>load<u8>(CYCLES + (${index}))`;
      default: throw new Error(`no wasm load for ${array}[…]`);
    }
  }

  /** A store into RAM, and the one option compared with a string; undefined for every other binary expression. */
  private binary(node: ts.BinaryExpression, file: ts.SourceFile): string | undefined {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(node.left)) {
      if (node.left.expression.getText(file) !== 'cpu.memory') throw new Error(`no wasm store for ${node.getText(file)}`);
      return `poke(${this.print(node.left.argumentExpression, file)}, ${this.print(node.right, file)})`;
    }
    if (node.left.getText(file) === 'cpu.options.brk' && ts.isStringLiteral(node.right)) {
      if (node.right.text !== 'stop') throw new Error(`unexpected ${node.getText(file)}`);
      if (operator === ts.SyntaxKind.EqualsEqualsEqualsToken) return globalName('brkStops');
      if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) return `!${globalName('brkStops')}`;
    }
    return undefined;
  }

  private call(node: ts.CallExpression, file: ts.SourceFile): string {
    const argumentTexts = node.arguments.filter((argument) => argument.getText(file) !== 'cpu').map((argument) => this.print(argument, file));
    const callee = node.expression.getText(file);
    if (callee === 'cpu.bus.read') return `busRead(${argumentTexts.join(', ')})`;
    if (callee === 'cpu.bus.write') return `busWrite(${argumentTexts.join(', ')})`;
    if (ts.isIdentifier(node.expression)) this.called.add(callee);
    else if (callee !== 'Math.min') throw new Error(`no wasm call for ${callee}`);
    return `${callee}(${argumentTexts.join(', ')})`;
  }

  /** `cpu.a` → the global cpu_a; `cpu.options.detectTraps` → cpu_detectTraps. */
  private property(node: ts.PropertyAccessExpression, file: ts.SourceFile): string {
    const text = node.getText(file);
    const field = text.startsWith('cpu.options.') ? node.name.text : text.startsWith('cpu.') ? text.slice(4) : undefined;
    if (field === undefined) return text;
    // The variant's questions (cpu.cmos, ...) have this variant's answers here, as in its TypeScript loop.
    const constant = this.constants.get(field);
    if (constant !== undefined && text.startsWith('cpu.')) return constant;
    if (!STATE_TYPES.has(field)) throw new Error(`the wasm core keeps no ${text}`);
    return globalName(field);
  }

  /** A whole function: `cpu` leaves the parameter list, types become wasm types. */
  printFunction(declaration: ts.FunctionDeclaration, file: ts.SourceFile): string {
    const name = declaration.name!.text;
    const parameters = declaration.parameters
      .filter((parameter) => parameter.name.getText(file) !== 'cpu')
      .map((parameter) => `${parameter.name.getText(file)}: ${wasmType(parameter.type, file, parameter.name.getText(file))}`);
    const returnType = wasmType(declaration.type, file);
    let body = this.print(declaration.body!, file);
    // AssemblyScript does not see that `for (;;)` never ends; tell it the end is not reached.
    if (returnType !== 'void') body = body.replace(/\}$/, '  return unreachable();\n}');
    return `function ${name}(${parameters.join(', ')}): ${returnType} ${body}`;
  }
}

/**
 * runLean with every helper it can inline inlined and all registers in locals, as TypeScript text, and the
 * function of the opcodes it leaves out (as the TypeScript lean loop does: HOT_OPCODES in generate-loops.ts),
 * as written in execute.ts. The smaller loop function is what V8's optimizing compiler must finish before a
 * run leaves the baseline code, so a one-shot `moth run` waits less (docs/cpu.md).
 */
function inlinedRunLoop(variant: CpuVariant): { loop: string; cold: string } {
  const execute = parse('execute.ts');
  const runLean = execute.statements.find(
    (statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === 'runLean',
  );
  if (!runLean?.body) throw new Error('runLean not found in execute.ts');
  // The variant's loop: its constants answered as in its TypeScript loop (see docs/cpu.md).
  const constants = variantConstants(variant);
  const inliner = new Inliner(collectHelpers(), constants, true, WASM_LOCALS, WASM_CALLS);
  const coldClauses: string[] = [];
  const body = withTemporaries(emitWithCaseResets(inliner, runLean.body, execute, new Map(), coldClauses, VARIANTS[variant].baseCycles), inliner);
  const cold = [
    'function runColdOpcode(cpu: Cpu, opcode: number): StopReason | undefined {',
    '  switch (opcode) {',
    ...coldClauses.map((clause) => `    ${withVariantConstants(clause.trim(), constants)}`),
    '  }',
    '  return undefined;',
    '}',
  ].join('\n');
  return { loop: `function runLean(cpu: Cpu, budget: number): StopReason ${body}\n`, cold: `${cold}\n` };
}

/** The module-level numeric constants of the CPU sources (each name must mean one value everywhere). */
function numericConstants(files: readonly ts.SourceFile[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const file of files) {
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !ts.isNumericLiteral(declaration.initializer)) continue;
        const value = Number(declaration.initializer.text);
        const known = constants.get(declaration.name.text);
        if (known !== undefined && Number(known) !== value) throw new Error(`${declaration.name.text} has two values`);
        constants.set(declaration.name.text, declaration.initializer.text);
      }
    }
  }
  return constants;
}

/** The whole AssemblyScript module of one CPU variant. */
export function generateAssemblyScript(variant: CpuVariant): string {
  const sources = SOURCE_FILES.map(parse);
  const functions = new Map<string, { declaration: ts.FunctionDeclaration; file: ts.SourceFile }>();
  for (const file of sources) {
    for (const statement of file.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) functions.set(statement.name.text, { declaration: statement, file });
    }
  }
  const printer = new AssemblyScriptPrinter(variantConstants(variant));
  const { loop: loopText, cold: coldText } = inlinedRunLoop(variant);
  const loopFile = ts.createSourceFile(RUN_LOOP_FILE, loopText, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const coldFile = ts.createSourceFile(COLD_OPCODES_FILE, coldText, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const printed = [
    printer.printFunction(loopFile.statements.find(ts.isFunctionDeclaration)!, loopFile),
    printer.printFunction(coldFile.statements.find(ts.isFunctionDeclaration)!, coldFile),
  ];
  // Then every function the printed code calls, and the ones those call.
  const done = new Set<string>(['runLean', 'runColdOpcode']);
  for (let pending = [...printer.called].filter((name) => !done.has(name)); pending.length > 0; pending = [...printer.called].filter((name) => !done.has(name))) {
    for (const name of pending) {
      done.add(name);
      if (name === 'busRead' || name === 'busWrite') continue;
      const found = functions.get(name);
      if (found === undefined) throw new Error(`the wasm loop calls ${name}, which no CPU source file defines`);
      printed.push(printer.printFunction(found.declaration, found.file));
    }
  }

  const constants = [...numericConstants(sources)].map(([name, value]) => `const ${name} = ${value};`);
  const globals = WASM_STATE.map(([name, type]) => `let ${globalName(name)}: ${type} = ${type === 'bool' ? 'false' : '0'};`);
  const slot = (name: string): number => WASM_STATE.findIndex(([field]) => field === name) * 8;
  const fromState = (name: string, type: string): string =>
    `${globalName(name)} = ${type === 'f64' ? '' : type === 'bool' ? '0 != ' : '<i32>'}load<f64>(STATE + ${slot(name)});`;
  const toState = (name: string): string => `store<f64>(STATE + ${slot(name)}, <f64>${globalName(name)});`;
  return [
    '// GENERATED by scripts/generate-wasm-core.ts from src/cpu/execute.ts and its helpers — do not edit.',
    `const READ_HOOKS = ${WASM_LAYOUT.readHooks};`,
    `const WRITE_HOOKS = ${WASM_LAYOUT.writeHooks};`,
    `const STATE = ${WASM_LAYOUT.state};`,
    `const CYCLES = memory.data<u8>([${[...VARIANTS[variant].baseCycles].join(', ')}]);`,
    ...printer.tables,
    ...constants,
    ...globals,
    '@external("moth", "read") declare function hostRead(address: i32): i32;',
    '@external("moth", "write") declare function hostWrite(address: i32, value: i32): void;',
    `function saveState(): void { ${WASM_STATE.map(([name]) => toState(name)).join(' ')} }`,
    `function loadState(): void { ${WASM_STATE.map(([name, type]) => fromState(name, type)).join(' ')} }`,
    `function loadEvents(): void { ${WASM_EVENTS.map((name) => fromState(name, STATE_TYPES.get(name)!)).join(' ')} }`,
    'function busRead(address: i32): i32 { saveState(); const value = hostRead(address); loadEvents(); return value; }',
    'function busWrite(address: i32, value: i32): void { saveState(); hostWrite(address, value); loadEvents(); }',
    '// @ts-ignore: decorator\n@inline function poke(address: i32, value: i32): i32 { store<u8>(address, value); return value; }',
    // A run goes up to the next periodic poke (Cpu.periodicPoke), makes it, and goes on, without returning to
    // TypeScript: the default machine's random byte would otherwise cut runs into 4,096-cycle slices. A poke due
    // when the loop stops, for whatever reason, is made before returning, as Machine.serviceEvents would.
    `const POKES = ${WASM_LAYOUT.pokes};`,
    [
      'export function run(budget: f64): i32 {',
      '  loadState();',
      '  const end = cpu_cycles + budget;',
      '  for (;;) {',
      '    const reason = runLean((cpu_pokePeriod > 0 && cpu_pokeNext < end ? cpu_pokeNext : end) - cpu_cycles);',
      '    if (cpu_pokePeriod > 0 && cpu_pokesLeft > 0 && cpu_cycles >= cpu_pokeNext) {',
      '      store<u8>(cpu_pokeAddress, load<u8>(POKES + cpu_pokesUsed));',
      '      cpu_pokesUsed++;',
      '      cpu_pokesLeft--;',
      '      cpu_pokeNext = (Math.floor(cpu_cycles / cpu_pokePeriod) + 1) * cpu_pokePeriod;',
      '      if (reason == 0 && cpu_cycles < end) continue;',
      '    }',
      '    saveState();',
      '    return reason;',
      '  }',
      '}',
    ].join('\n'),
    ...printed,
    '',
  ].join('\n');
}

/** Compiles the AssemblyScript module to wasm bytes with the assemblyscript npm package. */
export async function compileWasmCore(source: string): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  const result = await asc.compileString(source, {
    optimizeLevel: 3,
    shrinkLevel: 0,
    runtime: 'stub',
    noAssert: true,
    initialMemory: WASM_LAYOUT.pages,
    maximumMemory: WASM_LAYOUT.pages,
    memoryBase: WASM_LAYOUT.data,
  });
  if (result.error || result.binary === null) throw new Error(`asc: ${result.stderr.toString()}`);
  return result.binary;
}

/** The complete text of src/cpu/engine/wasm-core.generated.ts: one module per CPU variant. */
export async function generateWasmCore(): Promise<string> {
  const modules: string[] = [];
  for (const variant of CPU_VARIANTS) {
    const binary = await compileWasmCore(generateAssemblyScript(variant));
    const lines = Buffer.from(binary).toString('base64').match(/.{1,120}/g) ?? [];
    modules.push(
      `  // The ${VARIANTS[variant].title}: ${binary.length} bytes.`,
      `  '${variant}':`,
      ...lines.map((line, index) => `    '${line}'${index === lines.length - 1 ? ',' : ' +'}`),
    );
  }
  return [
    '// GENERATED by scripts/generate-wasm-core.ts from src/cpu/execute.ts — do not edit.',
    '// The WebAssembly run loop of each CPU variant, base64; src/cpu/engine/wasm-core.ts loads them.',
    "import type { CpuVariant } from '../variants.js';",
    '',
    'export const WASM_CORES: Readonly<Record<CpuVariant, string>> = {',
    ...modules,
    '};',
    '',
  ].join('\n');
}

// `npm run generate` runs this file (bundled by esbuild) to write the wasm core.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(WASM_GENERATED_FILE, await generateWasmCore());
  console.log(`wrote ${WASM_GENERATED_FILE}`);
}
