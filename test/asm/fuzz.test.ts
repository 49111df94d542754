/**
 * Feeds the assembler random text, token soup and mutated fixtures: it must never throw, always explain failures
 * with real locations, and stop runaway input at its documented work limits (speed itself belongs to bench/).
 */

import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic, type AssemblyResult } from '../../src/asm/index.js';

const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/asm');
const FILE_NAME = 'fuzz.s';
/** MOTH_FUZZ_SCALE=20 runs twenty times as many cases, for a deliberate bug hunt; CI keeps the default. */
const SCALE = Math.max(1, Number(process.env['MOTH_FUZZ_SCALE'] ?? 1) || 1);

/** Fixture files by path relative to the fixtures folder, so mutated sources can still include their neighbours. */
const fixtureFiles = new Map<string, Buffer>(
  readdirSync(fixturesDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => /\.(s|inc|bin)$/.test(entry))
    .map((entry) => [entry, readFileSync(join(fixturesDir, entry))]),
);
const programsDir = resolve(fixturesDir, '../../../programs');
/** Fixtures plus the real programs: mutations of code people actually write find different bugs than tricky corners. */
const fixtureSources = [
  ...[...fixtureFiles].filter(([path]) => path.endsWith('.s')).map(([, contents]) => contents.toString('utf8')),
  ...readdirSync(programsDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.s'))
    .map((entry) => readFileSync(join(programsDir, entry), 'utf8')),
];

function resolveFixture(path: string, fromFile: string, kind: 'text' | 'binary'): string | Uint8Array | undefined {
  const relativeDir = fromFile === FILE_NAME ? '' : dirname(fromFile);
  const contents = fixtureFiles.get(join(relativeDir, path));
  if (contents === undefined) return undefined;
  return kind === 'binary' ? new Uint8Array(contents) : contents.toString('utf8');
}

/**
 * Runs the assembler on `source` and checks the promises every input must keep: no exception, ok exactly
 * when there is no error, an error for every failure, every location inside the text it names, and speed.
 */
let inputsTried = 0;
afterAll(() => {
  // MOTH_FUZZ_REPORT=1 prints how many inputs this run tried (for a bug hunt's notes).
  if (process.env['MOTH_FUZZ_REPORT'] === '1') console.log(`assembler fuzzing: ${inputsTried} inputs tried`);
});

/**
 * Generous bounds on the work one input may cost: time grows at most linearly with its size, and the
 * diagnostics with its lines (an error is reported once, not once per cascade). They catch runaway or
 * quadratic behaviour, not speed (that belongs to bench/). Time is this process's CPU time, not the wall
 * clock, so a machine busy with other work does not fail the bound (it did, at a load of 25 on 2 cores).
 */
const TIME_BOUND_MS = (source: string): number => 3000 + 10 * source.length;
const DIAGNOSTICS_BOUND = (lineCount: number): number => 20 + 4 * lineCount;

/** CPU time this test process has used (user + system), in milliseconds. */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function checkAssembles(source: string): AssemblyResult {
  inputsTried++;
  let result: ReturnType<typeof assemble>;
  const started = cpuMilliseconds();
  try {
    // Including fuzz.s itself gives back this very text, so a self-include really recurses.
    const resolveFile = (path: string, fromFile: string, kind: 'text' | 'binary') =>
      path === FILE_NAME ? source : resolveFixture(path, fromFile, kind);
    result = assemble(source, { fileName: FILE_NAME, resolveFile });
  } catch (error) {
    throw new Error(`assemble threw ${String(error)} for:\n${JSON.stringify(source)}`);
  }

  expect(cpuMilliseconds() - started, 'assembling took longer than its size allows').toBeLessThan(TIME_BOUND_MS(source));
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  expect(result.ok).toBe(errors.length === 0);
  if (result.ok) expect(result.image === undefined || result.image.bytes.length <= 0x10000).toBe(true);

  // Lines as an editor counts them: \n, \r\n and a lone \r each end one.
  const lines = source.split(/\r\n|\r|\n/);
  expect(result.diagnostics.length).toBeLessThanOrEqual(DIAGNOSTICS_BOUND(lines.length));
  for (const diagnostic of result.diagnostics) {
    expect(typeof diagnostic.message).toBe('string');
    // The CLI prints every diagnostic through formatDiagnostic, so it must cope with whatever the assembler said.
    const formatted = formatDiagnostic(diagnostic);
    if (diagnostic.location) {
      const { file, line, column } = diagnostic.location;
      expect(formatted.startsWith(`${file}:${line}:${column}: ${diagnostic.severity}: `)).toBe(true);
    }
    expect(diagnostic.message.length).toBeGreaterThan(0);
    const location = diagnostic.location;
    if (diagnostic.severity === 'error') expect(location, diagnostic.message).toBeDefined();
    if (location === undefined) continue;
    expect(Number.isInteger(location.line) && Number.isInteger(location.column)).toBe(true);
    expect(location.line).toBeGreaterThanOrEqual(1);
    expect(location.column).toBeGreaterThanOrEqual(1);
    // A built-in .macpack package is moth's own text, not a fixture: nothing to check it against here.
    if (location.file.startsWith('<macpack')) continue;
    if (location.file !== FILE_NAME) {
      // A location inside an included fixture must point into that file.
      const included = fixtureFiles.get(location.file) ?? fixtureFiles.get(location.file.replace(/^\.\//, ''));
      expect(included, `diagnostic in unknown file ${location.file}`).toBeDefined();
      continue;
    }
    // One past the last line is where "missing .endif" and friends may point.
    expect(location.line, diagnostic.message).toBeLessThanOrEqual(lines.length + 1);
    const lineText = lines[location.line - 1] ?? '';
    expect(location.column, diagnostic.message).toBeLessThanOrEqual(lineText.length + 2);
    if (diagnostic.sourceLine !== undefined && location.line <= lines.length) {
      expect(diagnostic.sourceLine).toBe(lineText);
    }
  }
  return result;
}

const MNEMONICS = ['LDA', 'lda', 'STA', 'LDX', 'JMP', 'JSR', 'BNE', 'beq', 'ASL', 'INC', 'NOP', 'BRK', 'RTS', 'LAX', 'SBC'];
const DIRECTIVES = [
  '.org', '.byte', '.word', '.dbyt', '.addr', '.res', '.align', '.asciiz', '.incbin', '.include', '.macro', '.endmacro',
  '.local', '.if', '.elseif', '.else', '.endif', '.ifdef', '.ifndef', '.ifblank', '.segment', '.code', '.data',
  '.setcpu', '.proc', '.endproc', '.repeat', '.endrepeat', '.lobytes', '.hibytes', 'define', 'dcb',
];
const NUMBERS = ['$FF', '$100', '$FFFF', '$10000', '0', '255', '65536', '%1010', '%', '$', "'A'", "'", '0x10', '-1', '99999999999999999999'];
const OPERATORS = ['+', '-', '*', '/', '&', '|', '^', '<', '>', '(', ')', ',', '#', ':', '=', '~', '!', '<<', '>>', '<>', '&&', '||', '.mod', '::'];
const NAMES = ['start', 'loop', '@local', ':', ':+', ':-', ':++', 'A', 'X', 'Y', 'a:', 'z:', 'macro_name', 'SCREEN', '"text"', '"unterminated'];
const SPACING = ['\n', '\n', ' ', ' ', '\t', ';comment', '\r\n', '\r', '\f', '\u000b'];

const tokenSoup = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MNEMONICS) },
      { weight: 3, arbitrary: fc.constantFrom(...DIRECTIVES) },
      { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
      { weight: 4, arbitrary: fc.constantFrom(...OPERATORS) },
      { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
      { weight: 5, arbitrary: fc.constantFrom(...SPACING) },
    ),
    { maxLength: 80 },
  )
  .map((tokens) => tokens.join(' ').replace(/ \n /g, '\n'));

/** A fixture with a few random edits: a cut, a paste of soup, a duplicated or dropped line. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...fixtureSources),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.integer({ min: 0, max: 3 }), tokenSoup), { minLength: 1, maxLength: 4 }),
  )
  .map(([source, edits]) => {
    let text = source;
    for (const [position, span, kind, soup] of edits) {
      const at = position % (text.length + 1);
      if (kind === 0) text = text.slice(0, at) + text.slice(at + span);
      else if (kind === 1) text = text.slice(0, at) + soup + text.slice(at);
      else {
        const lines = text.split('\n');
        const index = position % lines.length;
        if (kind === 2) lines.splice(index, 0, lines[index]!);
        else lines.splice(index, 1);
        text = lines.join('\n');
      }
    }
    return text;
  });

describe('assembler fuzzing: never throws, explains every failure, stops runaway input', () => {
  it('survives random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void checkAssembles(text)), { numRuns: 300 * SCALE });
  });

  it('survives random printable lines', () => {
    const line = fc.string({ unit: fc.constantFrom(...' \tLDAXY$#%(),:;.=+-*<>^@"\'0123456789abcdefzorg'), maxLength: 40 });
    fc.assert(fc.property(fc.array(line, { maxLength: 20 }).map((lines) => lines.join('\n')), (text) => void checkAssembles(text)), { numRuns: 300 * SCALE });
  });

  it('survives token soup of mnemonics, directives, numbers, operators and labels', () => {
    fc.assert(fc.property(tokenSoup, (text) => void checkAssembles(text)), { numRuns: 500 * SCALE });
  });

  it('survives mutated fixture files', () => {
    fc.assert(fc.property(mutatedFixture, (text) => void checkAssembles(text)), { numRuns: 300 * SCALE });
  });

  it.each<[string, string, boolean | undefined]>([
    ['a macro that calls itself', '.macro again\n again\n.endmacro\n again\n', false],
    ['two macros that call each other', '.macro ping\n pong\n.endmacro\n.macro pong\n ping\n.endmacro\n ping\n', false],
    ['a label whose size keeps flipping', '.org $00F0\n lda target\n .res target - $F0\ntarget: brk\n', undefined],
    ['a huge .res', '.res 1000000\n', false],
    ['a negative .res', '.res -1\n', false],
    ['.align 0', '.align 0\n', undefined],
    ['code running past $FFFF', '.org $FFFE\n lda $1234\n lda $1234\n', false],
    ['an .org beyond 16 bits', '.org $123456\n nop\n', false],
    ['a deeply nested expression', `lda #${'('.repeat(500)}1${')'.repeat(500)}\n`, true],
    ['a very long line', `.byte ${Array.from({ length: 5000 }, () => '1').join(',')}\n`, true],
    ['an unterminated .if', '.if 1\n nop\n', false],
    ['an unterminated macro', '.macro open\n nop\n', false],
    ['an unmatched .endif and .endmacro', '.endif\n.endmacro\n', false],
    ['an include of itself', '.include "fuzz.s"\n', false],
    ['a missing include', '.include "nowhere.inc"\n', false],
    ['a label defined twice', 'here: nop\nhere: nop\n', false],
    ['a branch out of range', 'start: .res 200\n bne start\n', false],
    ['division by zero', 'lda #1/0\n.byte 5 .mod 0\n', false],
    ['an undefined symbol', ' jmp nowhere\n', false],
    ['an empty file', '', true],
    ['only a newline', '\n', true],
    ['a NUL byte and an emoji', 'lda #\u0000 🐛\n', undefined],
    ['CR-only line endings', 'lda #1\r  bad1\r  bad2\r', false],
    ['control characters', '  lda \u000c #1\n  lda #1 \u0001\n\u001b[31m\n', undefined],
    ['a character constant without its closing quote', "  lda #'A\n", false],
  ])('handles %s', (_, source, expectedOk) => {
    const { ok } = checkAssembles(source);
    // undefined: either answer is defensible (ca65 itself differs by version), only the promises above matter.
    if (expectedOk !== undefined) expect(ok).toBe(expectedOk);
  });

  /** Source where each macro calls the one below it twice: 2^depth expansions from one line. */
  function doublingMacros(depth: number): string {
    const definitions = Array.from({ length: depth + 1 }, (_, level) =>
      level === 0 ? '.macro m0\n.endmacro' : `.macro m${level}\n m${level - 1}\n m${level - 1}\n.endmacro`,
    );
    return `${definitions.join('\n')}\n m${depth}\n`;
  }

  // docs/assembler.md: "all macro and .repeat expansion at 250,000 lines; each limit is an ordinary error".
  // Without the cap, doubling macros 30 deep exhausted a 4 GB heap; these cases check the cap is what stops them.
  const EXPANSION_LIMIT = /expansions produced more than 250,000 lines/;

  it.each([
    ['macros that double at every level', doublingMacros(19)],
    ['nested .repeat of a million lines', '.repeat 1000\n.repeat 1000\n nop\n.endrepeat\n.endrepeat\n'],
    // Nine million iterations that produce no lines are still nine million expansions of work.
    ['nested .repeat of nothing, nine million times', '.repeat 3000\n.repeat 3000\n.endrepeat\n.endrepeat\n'],
  ])('stops %s at the expansion limit with an error', (_, source) => {
    const result = checkAssembles(source);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((diagnostic) => diagnostic.message)).toContainEqual(expect.stringMatching(EXPANSION_LIMIT));
  });
});
