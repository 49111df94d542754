/** Proves moth assembles like the real tool: programs, fixtures and random programs must match ca65+ld65 in bytes, labels and source lines. */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble, lookupSource, type AssemblyResult } from '../../src/asm/index.js';
import { INSTRUCTION_SET, type InstructionInfo } from '../../src/cpu/instruction-set.js';
import { assembleFileWithCa65, assembleWithCa65, ca65Available } from '../helpers/ca65.js';

/** MOTH_FUZZ_SCALE=10 runs ten times as many random programs, for a deliberate bug hunt; CI keeps the default. */
const SCALE = Math.max(1, Number(process.env['MOTH_FUZZ_SCALE'] ?? 1) || 1);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixturesDir = join(repoRoot, 'test/fixtures/asm');
/** Sources ca65 reads differently on purpose (easy6502 syntax, moth's placing .org); checked against `; expect-bytes:`. */
const expectedBytesDirs = [join(fixturesDir, 'easy6502'), join(fixturesDir, 'moth-only')];

/** Every `.s` file below `dir`, skipping the folders in `exclude`. */
function sourcesUnder(dir: string, exclude: readonly string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((entry) => join(dir, entry))
    .filter((path) => path.endsWith('.s') && !exclude.some((folder) => path.startsWith(folder + '/')))
    .sort();
}

/** Assembles a file with moth, reading includes relative to the including file, as ca65 does. */
function assembleWithMoth(path: string) {
  return assemble(readFileSync(path, 'utf8'), {
    fileName: path,
    resolveFile: (includePath, fromFile, kind) => {
      try {
        const contents = readFileSync(resolve(dirname(fromFile), includePath));
        return kind === 'binary' ? new Uint8Array(contents) : contents.toString('utf8');
      } catch {
        return undefined;
      }
    },
  });
}

/** The address a source says it starts at: its first `.org` when nothing is emitted before it, else $0600. */
function expectedStart(source: string): number {
  for (const rawLine of source.split('\n')) {
    const line = rawLine.replace(/\r$/, '').replace(/;.*$/, '').trim();
    if (line === '' || /^\w+\s*:?=/.test(line) || /^\.(setcpu|include)\b/i.test(line)) continue;
    const org = /^\.org\s+\$([0-9a-f]+)$/i.exec(line);
    return org ? parseInt(org[1]!, 16) : 0x0600;
  }
  return 0x0600;
}

function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (value) => value.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** The first differing offset, for a failure message a person can act on. */
function firstDifference(ours: Uint8Array, theirs: Uint8Array): string {
  const length = Math.max(ours.length, theirs.length);
  for (let offset = 0; offset < length; offset++) {
    if (ours[offset] !== theirs[offset]) {
      return `first difference at offset ${offset}: moth ${hexBytes(ours.subarray(offset, offset + 8))} | ca65 ${hexBytes(theirs.subarray(offset, offset + 8))} (lengths ${ours.length} and ${theirs.length})`;
    }
  }
  return 'identical';
}

/**
 * Labels whose moth value differs from ld65's, as readable lines (empty when all agree). ld65's label file
 * drops scope prefixes (`print::start` is listed as `start`), so a scoped moth symbol answers for its last part.
 */
function labelDifferences(symbols: ReadonlyMap<string, { readonly value: number }>, labels: ReadonlyMap<string, number>): string[] {
  const valuesByLastPart = new Map<string, Set<number>>();
  for (const [name, symbol] of symbols) {
    const lastPart = name.split('::').pop()!;
    if (!valuesByLastPart.has(lastPart)) valuesByLastPart.set(lastPart, new Set());
    valuesByLastPart.get(lastPart)!.add(symbol.value);
  }
  return [...labels]
    .filter(([name, value]) => !valuesByLastPart.get(name)?.has(value))
    .map(([name, value]) => `${name}: moth ${[...(valuesByLastPart.get(name) ?? [])].join(' or ') || 'missing'}, ld65 ${value}`);
}

/**
 * Bytes whose moth debug-map lines (the line itself and, for macro expansions, the call site) are not among
 * the lines ld65's debug file gives for that byte. Bytes ld65 attributes to no line (e.g. .align padding) are skipped.
 */
function debugMapDifferences(result: AssemblyResult, linesByOffset: ReadonlyArray<ReadonlySet<string>>): string[] {
  const start = result.image?.start ?? 0;
  const differences: string[] = [];
  const mappedLines = new Set(result.debugMap.map((entry) => `${basename(entry.location.file)}:${entry.location.line}`));
  linesByOffset.forEach((expected, offset) => {
    if (expected.size === 0 || differences.length >= 5) return;
    const entry = lookupSource(result.debugMap, (start + offset) & 0xffff);
    const ours = entry ? [entry.location, ...(entry.macroCall ? [entry.macroCall] : [])] : [];
    // Lines of a .macpack package are moth's own text (ca65's have other line numbers): only the call site counts.
    const names = ours.filter((location) => !location.file.startsWith('<macpack')).map((location) => `${basename(location.file)}:${location.line}`);
    // Bytes assembled for another address (ca65's .org: code copied elsewhere to run) are in moth's map at the
    // address they run at, not the one they load at: ca65's line must then be one moth maps somewhere.
    if (names.length === 0 && [...expected].some((name) => mappedLines.has(name))) return;
    if (names.length === 0 || names.some((name) => !expected.has(name))) {
      differences.push(`offset ${offset}: moth ${names.join(' via ') || 'no line'}, ca65 ${[...expected].join(' or ')}`);
    }
  });
  return differences;
}

const differentialSources = [...sourcesUnder(join(repoRoot, 'programs')), ...sourcesUnder(fixturesDir, expectedBytesDirs)];

if (!ca65Available) {
  console.warn('ca65-differential: SKIPPED — ca65/ld65 not found on PATH (install cc65; CI does).');
}

describe.skipIf(!ca65Available)('moth and ca65+ld65 produce identical bytes', () => {
  it('has sources to compare', () => {
    expect(differentialSources.length).toBeGreaterThan(10);
  });

  it.each(differentialSources.map((path) => [relative(repoRoot, path), path]))('%s', (_, path) => {
    const reference = assembleFileWithCa65(path);
    if (!reference.ok) throw new Error(`ca65 rejects ${path}; sources here must be ca65-compatible:\n${reference.errors}`);
    const result = assembleWithMoth(path);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    const ours = result.image?.bytes ?? new Uint8Array(0);
    expect(firstDifference(ours, reference.bytes)).toBe('identical');
    expect(result.image?.start).toBe(expectedStart(readFileSync(path, 'utf8')));
    // Same bytes could still hide a wrong label in ZEROPAGE or BSS, which emit nothing: compare every label too.
    expect(labelDifferences(result.symbols, reference.labels)).toEqual([]);
    // The debugger steps by source line through the debug map, so each byte must name a line ca65 names too.
    expect(debugMapDifferences(result, reference.linesByOffset)).toEqual([]);
  });
});

const LABELS = ['first', 'second', 'third', 'fourth'];
const CONSTANTS = ['small', 'large', 'edge'];

const byteExpression = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((value) => `$${value.toString(16)}`),
  fc.constantFrom(...LABELS).map((label) => `<${label}`),
  fc.constantFrom(...LABELS).map((label) => `>${label}`),
  fc.constantFrom(...CONSTANTS).map((name) => `<${name}`),
  fc.tuple(fc.constantFrom(...CONSTANTS), fc.integer({ min: 0, max: 15 })).map(([name, value]) => `$FF & (${name} + ${value})`),
);

const wordExpression = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((value) => `$${value.toString(16)}`),
  fc.integer({ min: 0, max: 0x1ff }).map((value) => String(value)), // around the zero-page edge
  fc.constantFrom(...LABELS, ...CONSTANTS),
  fc.tuple(fc.constantFrom(...LABELS), fc.integer({ min: -3, max: 3 })).map(([label, offset]) => `${label} + ${offset}`),
  fc.tuple(fc.constantFrom(...CONSTANTS), fc.integer({ min: 1, max: 4 })).map(([name, shift]) => `${name} >> ${shift}`),
);

/** Operand text for a mode; the assembler, not the generator, decides zero page or absolute from the value. */
function operandArbitrary(info: InstructionInfo): fc.Arbitrary<string> {
  switch (info.mode) {
    case 'implied': return fc.constant('');
    case 'accumulator': return fc.constantFrom('', 'A', 'a');
    case 'immediate': return byteExpression.map((text) => `#${text}`);
    case 'zeroPage': return fc.oneof(byteExpression, byteExpression.map((text) => `z:${text}`));
    case 'zeroPageX': return fc.oneof(byteExpression, byteExpression.map((text) => `z:${text}`)).map((text) => `${text},X`);
    case 'zeroPageY': return byteExpression.map((text) => `${text},y`);
    case 'absolute': return fc.oneof(wordExpression, wordExpression.map((text) => `a:${text}`));
    case 'absoluteX': return wordExpression.map((text) => `${text},x`);
    case 'absoluteY': return wordExpression.map((text) => `${text},Y`);
    case 'indirect': return wordExpression.map((text) => `(${text})`);
    case 'indexedIndirectX': return byteExpression.map((text) => `(${text},x)`);
    case 'indirectIndexedY': return byteExpression.map((text) => `(${text}),y`);
    case 'relative': return fc.constantFrom(...LABELS);
    case 'zeroPageIndirect': return byteExpression.map((text) => `(${text})`);
    case 'absoluteIndexedIndirect': return wordExpression.map((text) => `(${text},x)`);
    case 'zeroPageRelative': return fc.tuple(byteExpression, fc.constantFrom(...LABELS)).map(([zp, label]) => `${zp}, ${label}`);
  }
}

const statement = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INSTRUCTION_SET.filter((info) => info.documented)).chain((info) =>
    operandArbitrary(info).map((operand) => `${info.mnemonic.toLowerCase()} ${operand}`.trimEnd())) },
  { weight: 1, arbitrary: fc.array(byteExpression, { minLength: 1, maxLength: 4 }).map((values) => `.byte ${values.join(', ')}`) },
  { weight: 1, arbitrary: fc.array(wordExpression, { minLength: 1, maxLength: 3 }).map((values) => `.word ${values.join(', ')}`) },
);

/**
 * A small random program: every label placed once, constants defined before or after their uses,
 * short enough that every branch is in range.
 */
const randomProgram = fc
  .tuple(
    fc.array(statement, { minLength: LABELS.length, maxLength: 24 }),
    fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: CONSTANTS.length, maxLength: CONSTANTS.length }),
    fc.array(fc.boolean(), { minLength: CONSTANTS.length, maxLength: CONSTANTS.length }),
  )
  .map(([statements, values, defineFirst]) => {
    const lines = [...statements];
    // Spread the labels over the program, each on its own statement.
    LABELS.forEach((label, index) => {
      const at = Math.floor((index * lines.length) / LABELS.length);
      lines[at] = `${label}: ${lines[at]}`;
    });
    return { lines, values, defineFirst };
  })
  .chain(({ lines, values, defineFirst }) =>
    fc.tuple(fc.constantFrom('', '.org $0600', '.org $00C0', '.org $1000'), fc.constantFrom('', '', '.org $0200', '.org $0680', '.org $00F0')).map(([org, middleOrg]) => {
      // Constants near the zero-page edge make the size decision interesting.
      const constantValues = [values[0]! & 0xff, values[1]!, 0xf0 + (values[2]! % 32)];
      const definitions = CONSTANTS.map((name, index) => `${name} = $${constantValues[index]!.toString(16)}`);
      const before = definitions.filter((_, index) => defineFirst[index]);
      const after = definitions.filter((_, index) => !defineFirst[index]);
      const body = lines.map((line) => `        ${line}`);
      // A second .org halfway (ca65's: later labels take its addresses, the bytes stay in one stream).
      if (middleOrg !== '') body.splice(Math.floor(body.length / 2), 0, middleOrg);
      return [...before, org, ...body, ...after, ''].join('\n');
    }),
  );

describe.skipIf(!ca65Available)('moth and ca65 agree on random programs', () => {
  it('assembles random label, constant and expression mixes to the same bytes, whenever ca65 accepts them', () => {
    fc.assert(
      fc.property(randomProgram, (source) => {
        const reference = assembleWithCa65(source);
        const result = assemble(source, { fileName: 'random.s' });
        const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        // moth may accept more than ca65 (it sizes `fwd & $FF` by value, for one); only programs ca65 accepts must agree.
        if (!reference.ok) return;
        expect(errors, source).toEqual([]);
        expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
        expect(labelDifferences(result.symbols, reference.labels), source).toEqual([]);
      }),
      { numRuns: 60 * SCALE },
    );
  });
});

const SCOPES = ['scope0', 'scope1', 'scope2'];
const BRANCHES = ['bne', 'beq', 'bcc', 'bcs', 'bpl', 'bmi', 'bvc', 'bvs'];

/** One statement inside a scope: plain code, a branch to any kind of label, or a macro call. */
const scopedStatement = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('nop', 'inx', 'dey', 'lda #1', 'sta $10', 'lda $0200,x', 'jsr scope1', 'jmp :+') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...BRANCHES), fc.constantFrom(':-', ':--', ':+', ':++', '@start', '@end', ...SCOPES))
      .map(([branch, target]) => `${branch} ${target}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('bump $10', 'bump counter', 'bump $0300') },
);

const scopeBody = fc.array(fc.tuple(fc.boolean(), scopedStatement), { minLength: 1, maxLength: 6 });

/**
 * A random program of named labels, cheap locals (@start, @end in every scope), unnamed labels (`:` with
 * two spare ones at each end so :-- and :++ always resolve) and a macro with a .local label.
 */
const randomControlFlow = fc.tuple(fc.array(scopeBody, { minLength: SCOPES.length, maxLength: SCOPES.length }), fc.boolean()).map(
  ([bodies, useOrg]) => {
    const lines = [
      'counter = $20',
      '.macro bump address',
      '        .local skip',
      '        inc address',
      '        bne skip',
      '        inc address + 1',
      'skip:',
      '.endmacro',
      useOrg ? '        .org $0600' : '',
      ':       nop',
      ':       nop',
    ];
    bodies.forEach((body, index) => {
      lines.push(`${SCOPES[index]}:`);
      lines.push('@start:');
      // ca65 allows one label per line, so an unnamed label gets a line of its own.
      for (const [unnamed, text] of body) lines.push(...(unnamed ? [':'] : []), `        ${text}`);
      lines.push('@end:   rts');
    });
    lines.push(':       nop', ':       rts', '');
    return lines.join('\n');
  },
);

describe.skipIf(!ca65Available)('moth and ca65 agree on random control flow', () => {
  it('resolves named, cheap-local, unnamed and macro-local labels to the same bytes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(randomControlFlow, (source) => {
        const reference = assembleWithCa65(source);
        if (!reference.ok) return; // a branch out of range; moth's answer to that is tested elsewhere
        accepted++;
        const result = assemble(source, { fileName: 'main.s' }); // ca65 reads it as main.s: same name in both debug maps
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
        expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
        expect(labelDifferences(result.symbols, reference.labels), source).toEqual([]);
        expect(debugMapDifferences(result, reference.linesByOffset), source).toEqual([]);
      }),
      { numRuns: 60 * SCALE },
    );
    // Guards against a generator that only produces programs ca65 rejects, which would prove nothing.
    expect(accepted).toBeGreaterThan(30);
  });
});

const BINARY_OPERATORS = ['+', '-', '*', '/', '.mod', '&', '|', '^', '<<', '>>', '=', '<>', '<', '>', '<=', '>=', '&&', '||', '.and', '.or', '.xor'];
const UNARY_OPERATORS = ['-', '~', '<', '>', '^', '!', '.not ', '+'];

/** Random expression text over small and large numbers, every ca65 operator, with and without parentheses. */
const expressionText: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0x7fffffff, 0xffffffff, 31, 32, 33)).map(String),
    fc.tuple(tie('expression'), fc.constantFrom(...BINARY_OPERATORS), tie('expression')).map(([left, operator, right]) => `${left} ${operator} ${right}`),
    fc.tuple(fc.constantFrom(...UNARY_OPERATORS), tie('expression')).map(([operator, operand]) => `${operator}${operand}`),
    tie('expression').map((inner) => `(${inner})`),
  ),
})).expression;

describe.skipIf(!ca65Available)('moth and ca65 agree on expression values', () => {
  it('evaluates random expressions of every operator to the same 16-bit results', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(expressionText, { minLength: 1, maxLength: 8 }), (expressions) => {
        // Masking keeps every result storable, so only the arithmetic itself can differ.
        const source = expressions.map((expression) => `        .word (${expression}) & $FFFF`).join('\n') + '\n';
        const reference = assembleWithCa65(source);
        if (!reference.ok) return; // division by zero and the like
        accepted++;
        const result = assemble(source, { fileName: 'expressions.s' });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
        expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
      }),
      { numRuns: 100 * SCALE },
    );
    expect(accepted).toBeGreaterThan(30);
  });
});

/** Printable ASCII without the double quote, which ca65 strings cannot contain. */
const stringText = fc.string({ unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~'), maxLength: 12 });

const dataDirective = fc.oneof(
  fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), stringText.map((text) => `"${text}"`)), { minLength: 1, maxLength: 4 }).map(
    (values) => `.byte ${values.join(', ')}`,
  ),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 3 }).map((values) => `.word ${values.join(', ')}`),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 3 }).map((values) => `.dbyt ${values.join(', ')}`),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 3 }).map((values) => `.lobytes ${values.join(', ')}`),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 3 }).map((values) => `.hibytes ${values.join(', ')}`),
  fc.array(stringText, { minLength: 1, maxLength: 2 }).map((texts) => `.asciiz ${texts.map((text) => `"${text}"`).join(', ')}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 255 }))).map(([count, fill]) => (fill === null ? `.res ${count}` : `.res ${count}, ${fill}`)),
  fc.tuple(fc.constantFrom(1, 2, 4, 8, 16, 64, 256), fc.option(fc.integer({ min: 0, max: 255 }))).map(([boundary, fill]) =>
    fill === null ? `.align ${boundary}` : `.align ${boundary}, ${fill}`,
  ),
  fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })).map(([offset, size]) => `.incbin "data/pattern.bin", ${offset}, ${size}`),
  fc.constant('.incbin "data/pattern.bin"'),
  fc.constantFrom('.word here', '.addr here, *', '.byte <here, >here', 'here2: .word here2 - here'),
);

describe.skipIf(!ca65Available)('moth and ca65 agree on random data', () => {
  it('lays out random data directives (strings, fills, alignment, included bytes) to the same bytes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(dataDirective, { minLength: 1, maxLength: 12 }),
        // Only aligned origins: after an odd .org, ca65 aligns the segment offset and moth the address (M9).
        fc.constantFrom('', '.org $0600', '.org $1000'),
        (directives, org) => {
          const source = [org, 'here:', ...directives.map((directive) => `        ${directive}`), ''].join('\n');
          // A temp folder with its own data/pattern.bin, since both assemblers resolve .incbin beside the source.
          const dir = mkdtempSync(join(tmpdir(), 'moth-random-data-'));
          try {
            mkdirSync(join(dir, 'data'));
            copyFileSync(join(fixturesDir, 'data/pattern.bin'), join(dir, 'data/pattern.bin'));
            const path = join(dir, 'random.s');
            writeFileSync(path, source);
            const reference = assembleFileWithCa65(path);
            if (!reference.ok) return; // e.g. .incbin past the end of the file
            accepted++;
            const result = assembleWithMoth(path);
            expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
            expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60 * SCALE },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

const conditionText = fc.oneof(
  fc.constantFrom('FLAG_ON', 'FLAG_OFF', 'LEVEL', 'LEVEL > 2', 'LEVEL = 3', '.defined(FLAG_ON)', '.defined(NOT_DEFINED)', '!FLAG_OFF'),
  fc.tuple(fc.constantFrom('FLAG_ON', 'FLAG_OFF', 'LEVEL', '1', '0'), fc.constantFrom('&&', '||', '=', '<>', '<', '>='), fc.constantFrom('FLAG_ON', 'LEVEL', '2', '0')).map(
    ([left, operator, right]) => `${left} ${operator} ${right}`,
  ),
);

/** Statements of a random program built from macros and conditional assembly, nested up to a few levels. */
const conditionalLines: fc.Arbitrary<string[]> = fc.letrec<{ block: string[]; statement: string[] }>((tie) => ({
  block: fc.array(tie('statement'), { maxLength: 4 }).map((statements) => statements.flat()),
  statement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })).map(([value, count]) => [`put ${value}, ${count}`]),
    fc.tuple(conditionText, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([condition, first, second]) => [
      `pick ${condition}, ${first}, ${second}`,
    ]),
    fc.option(fc.integer({ min: 0, max: 255 })).map((value) => [value === null ? 'maybe' : `maybe ${value}`]),
    fc.tuple(fc.constantFrom('.ifdef', '.ifndef'), fc.constantFrom('FLAG_ON', 'NOT_DEFINED'), tie('block'), tie('block')).map(
      ([directive, name, then, otherwise]) => [`${directive} ${name}`, ...then, '.else', ...otherwise, '.endif'],
    ),
    fc.tuple(conditionText, tie('block'), conditionText, tie('block'), tie('block')).map(([first, then, second, elseIf, otherwise]) => [
      `.if ${first}`,
      ...then,
      `.elseif ${second}`,
      ...elseIf,
      '.else',
      ...otherwise,
      '.endif',
    ]),
  ),
})).block;

const CONDITIONAL_PRELUDE = [
  'FLAG_ON = 1',
  'FLAG_OFF = 0',
  'LEVEL = 3',
  '.macro put value, count',
  '  .repeat count',
  '        .byte value',
  '  .endrepeat',
  '.endmacro',
  '.macro pick condition, first, second',
  '  .if condition',
  '        lda #first',
  '  .else',
  '        lda #second',
  '  .endif',
  '.endmacro',
  '.macro maybe value',
  '  .ifblank value',
  '        nop',
  '  .else',
  '        .byte value',
  '  .endif',
  '.endmacro',
  '        .org $0600',
];

describe.skipIf(!ca65Available)('moth and ca65 agree on random macros and conditionals', () => {
  it('expands random nests of .if/.elseif/.else, .ifdef/.ifndef and macro calls alike', () => {
    let accepted = 0;
    fc.assert(
      fc.property(conditionalLines, (lines) => {
        const source = [...CONDITIONAL_PRELUDE, ...lines, '        brk', ''].join('\n');
        const reference = assembleWithCa65(source);
        if (!reference.ok) return;
        accepted++;
        const result = assemble(source, { fileName: 'main.s' }); // ca65 reads it as main.s: same name in both debug maps
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
        expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
        expect(debugMapDifferences(result, reference.linesByOffset), source).toEqual([]);
      }),
      { numRuns: 60 * SCALE },
    );
    expect(accepted).toBeGreaterThan(40);
  });
});

type SegmentName = 'CODE' | 'RODATA' | 'DATA' | 'ZEROPAGE' | 'BSS';

/** One block of a random segmented program: where it goes, the label it defines, and its body. */
const segmentBlock = fc.oneof(
  fc.tuple(fc.constant<SegmentName>('ZEROPAGE'), fc.integer({ min: 1, max: 8 })).map(([segment, size]) => ({ segment, body: [`.res ${size}`] })),
  fc.tuple(fc.constant<SegmentName>('BSS'), fc.integer({ min: 1, max: 300 })).map(([segment, size]) => ({ segment, body: [`.res ${size}`] })),
  fc.tuple(fc.constantFrom<SegmentName>('RODATA', 'DATA'), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 5 })).map(
    ([segment, values]) => ({ segment, body: [`.byte ${values.join(', ')}`] }),
  ),
  fc.constantFrom<SegmentName>('RODATA', 'DATA').map((segment) => ({ segment, body: ['.word block0, block1, block2'] })),
  fc.constantFrom<SegmentName>('RODATA', 'DATA').map((segment) => ({ segment, body: ['.asciiz "seg"', '.align 4, $EE', '.dbyt block0'] })),
  fc
    .array(fc.constantFrom('lda block0', 'sta block1,x', 'lda (block2),y', 'ldx block3', 'jsr block4', 'inc block5', 'lda #<block6', 'lda #>block6', 'nop'), {
      minLength: 1,
      maxLength: 5,
    })
    .map((body) => ({ segment: 'CODE' as SegmentName, body })),
);

/**
 * Blocks scattered over CODE, RODATA, DATA, ZEROPAGE and BSS in random source order, each starting with a
 * label (block0, block1 ...) that code uses before and after its definition; ld65 decides where it all goes.
 */
const randomSegmentedProgram = fc.array(segmentBlock, { minLength: 7, maxLength: 14 }).map((blocks) => {
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    lines.push(`.segment "${block.segment}"`, `block${index}:`, ...block.body.map((line) => `        ${line}`));
  });
  return lines.join('\n') + '\n';
});

describe.skipIf(!ca65Available)('moth and ca65 agree on random segment layouts', () => {
  it('places CODE, RODATA, DATA, ZEROPAGE and BSS blocks as ld65 does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(randomSegmentedProgram, (source) => {
        const reference = assembleWithCa65(source);
        // e.g. `lda (block2),y` when block2 is not in zero page; moth's answer to that is tested elsewhere
        if (!reference.ok) return;
        accepted++;
        const result = assemble(source, { fileName: 'segments.s' });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), source).toEqual([]);
        expect(firstDifference(result.image?.bytes ?? new Uint8Array(0), reference.bytes), source).toBe('identical');
        expect(labelDifferences(result.symbols, reference.labels), source).toEqual([]);
      }),
      { numRuns: 60 * SCALE },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});

const functionalTestSource = process.env['MOTH_FUNCTIONAL_TEST_SOURCE'];
const functionalTestBinary = process.env['MOTH_FUNCTIONAL_TEST_BIN'];
if (!functionalTestSource || !functionalTestBinary) {
  console.warn(
    'ca65-differential: functional-test source check SKIPPED — set MOTH_FUNCTIONAL_TEST_SOURCE (Klaus Dormann\'s ' +
      'ca65/6502_functional_test.ca65) and MOTH_FUNCTIONAL_TEST_BIN (its 6502_functional_test.bin) to run it.',
  );
}

describe.skipIf(!functionalTestSource || !functionalTestBinary)('moth assembles Klaus Dormann\'s functional test from its ca65 source', () => {
  it('emits exactly the bytes of the reference binary', () => {
    // The source spreads its parts over ZEROPAGE, DATA, CODE and VECTORS for an ld65 config that writes them all
    // to one 64 KiB file; here each part is placed by its own address instead, so all of it goes in CODE, each
    // `.org` becomes moth's placing `*=` (ca65's `.org` would only relabel), and the ld65 padding line before
    // the zero-page part goes.
    const source = readFileSync(functionalTestSource!, 'utf8')
      .replace(/^(\s*)\.org\b/gim, '$1*=')
      .replace(/^(\s*)\.(ZEROPAGE|DATA)\s*$/gim, '$1.CODE')
      .replace(/^(\s*)\.segment\s+"VECTORS"\s*$/gim, '$1.CODE')
      .replace(/^\s*\.res\s+zero_page\s*,\s*0\s*$/gim, '');
    const reference = readFileSync(functionalTestBinary!);
    const result = assemble(source, { fileName: '6502_functional_test.ca65' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    const image = result.image!;
    // Gaps between the parts are moth's $00 and ld65's $FF fill: compare the bytes the source itself produced.
    const wrong: string[] = [];
    let emitted = 0;
    for (const entry of result.debugMap) {
      for (let address = entry.address; address < entry.address + entry.length; address++) {
        emitted++;
        if (image.bytes[address - image.start] !== reference[address] && wrong.length < 10) {
          wrong.push(`$${address.toString(16)} (line ${entry.location.line})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(emitted).toBeGreaterThan(10_000);
  });
});

/** `; expect-bytes:` lines joined; `00*5` stands for five zero bytes so gaps stay readable. */
function expectedBytesOf(source: string): string {
  const tokens = [...source.matchAll(/^; expect-bytes:(.*)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/));
  return tokens
    .flatMap((token) => {
      const [byte, count] = token.split('*');
      return Array.from({ length: count === undefined ? 1 : Number(count) }, () => byte!.toUpperCase());
    })
    .join(' ');
}

describe('sources moth reads differently from ca65 on purpose match their expected bytes', () => {
  const sources = expectedBytesDirs.flatMap((dir) => sourcesUnder(dir));

  it('has easy6502 and moth-only sources', () => {
    expect(sources.some((path) => path.includes('/easy6502/'))).toBe(true);
    expect(sources.some((path) => path.includes('/moth-only/'))).toBe(true);
  });

  it.each(sources.map((path) => [relative(repoRoot, path), path]))('%s', (_, path) => {
    const source = readFileSync(path, 'utf8');
    const startMatch = /^; expect-start: \$([0-9a-f]+)$/im.exec(source);
    const result = assembleWithMoth(path);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(hexBytes(result.image?.bytes ?? [])).toBe(expectedBytesOf(source));
    if (startMatch) expect(result.image?.start).toBe(parseInt(startMatch[1]!, 16));
  });
});
