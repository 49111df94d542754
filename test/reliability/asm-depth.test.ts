// Depth and length cost time in proportion (issue 12): long chains of constants assemble as ca65 assembles them
// (1,300 overflowed the stack; one ending in an undefined name was quadratic), loops among constants are
// located errors, and 20,000 nested scopes assemble and write their symbols, listing and map.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, type AssemblyResult } from '../../src/asm/index.js';
import { run } from '../../src/asm/assembler.js';
import { switchSegment } from '../../src/asm/segments.js';
import { Assembly } from '../../src/asm/state.js';
import { watchMoth } from './helpers.js';

function errors(source: string, fileName = 'chain.s') {
  return assemble(source, { fileName }).diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}

describe('chains of constants', () => {
  it('c0 = c1, ..., c1300 = 1 assembles (ca65 accepts it): LDA #c0 loads 1', () => {
    const lines = Array.from({ length: 1300 }, (_, index) => `c${index} = c${index + 1}`);
    const result = assemble([...lines, 'c1300 = 1', '  lda #c0', '  rts'].join('\n'), { fileName: 'chain.s' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect([...result.image!.bytes]).toEqual([0xa9, 0x01, 0x60]);
  });

  it('a chain of 50,000 with arithmetic on the way, and one defined after its use', () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => `c${index} = c${index + 1} + 1`);
    const result = assemble(['  lda #<c0', ...lines, 'c50000 = 1', '  rts'].join('\n'), { fileName: 'chain.s' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect([...result.image!.bytes]).toEqual([0xa9, 50_001 & 0xff, 0x60]);
  });

  it('p = q, q = p is one located error, not a hang or a crash', () => {
    const found = errors('p = q\nq = p\n  lda #p\n', 'loop.s');
    expect(found.map((error) => [error.location?.line, error.location?.column, error.message])).toEqual([[1, 1, "'p' is defined in terms of itself"]]);
  });

  it('a loop through three constants and arithmetic is one located error', () => {
    const found = errors('p = q + r\nq = r * 2\nr = p - 1\n  lda #p\n', 'loop3.s');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/defined in terms of itself/);
    expect(found[0]!.location?.line).toBeGreaterThanOrEqual(1);
  });

  it('a long chain ending in an undefined name reports that name once', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `c${index} = c${index + 1}`);
    const found = errors([...lines, 'c500 = nowhere', '  lda #c0'].join('\n'));
    expect(found.map((error) => error.message)).toEqual(["undefined symbol 'nowhere'"]);
    expect(found[0]!.location?.line).toBe(501);
  });
});

/** Assembles through the pipeline itself, to read how much work the constants cost (Assembly.pendingEvaluations). */
function assembleCounting(source: string, fileName = 'chain.s'): { readonly result: AssemblyResult; readonly pendingEvaluations: number } {
  const asm = new Assembly({ fileName });
  switchSegment(asm, 'CODE', undefined);
  const result = run(asm, source);
  return { result, pendingEvaluations: asm.pendingEvaluations };
}

describe('chains of constants ending in an undefined name (issue 12: quadratic, 1k/2k/4k took 2.1/5.3/17.8 s)', () => {
  const chain = (length: number, use: boolean): string => {
    const lines = Array.from({ length }, (_, index) => `c${index} = c${index + 1}`);
    return [...lines, `c${length} = undefined_name`, ...(use ? ['  lda #c0'] : [])].join('\n');
  };

  it('costs work in proportion to its length (each constant evaluated a few times, not once per constant before it)', () => {
    for (const length of [1000, 4000]) {
      const { result, pendingEvaluations } = assembleCounting(chain(length, true));
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toHaveLength(1);
      expect(pendingEvaluations).toBeLessThan(6 * length);
    }
  });

  it('reports the undefined name once, where the last constant names it, as ca65 does (also when no line uses the chain)', () => {
    for (const use of [true, false]) {
      const found = errors(chain(2000, use));
      expect(found.map((error) => [error.message, error.location?.line, error.location?.column])).toEqual([["undefined symbol 'undefined_name'", 2001, 9]]);
    }
  });
});

/** CPU time this process has used (user + system), in milliseconds: a busy machine does not fail the bound. */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** `depth` nested scopes (`.proc p0` / `.scope s0` ...), a label and a use of a top-level name at the bottom. */
function nested(depth: number, directive: '.proc' | '.scope'): string {
  const prefix = directive === '.proc' ? 'p' : 's';
  const close = directive === '.proc' ? '.endproc' : '.endscope';
  const lines = ['top = 1'];
  for (let index = 0; index < depth; index++) lines.push(`${directive} ${prefix}${index}`);
  lines.push('inner: lda #top');
  for (let index = 0; index < depth; index++) lines.push(close);
  lines.push('  rts');
  return lines.join('\n');
}

describe('20,000 nested .proc/.scope (issue 12: 5k/10k/20k took 0.7/2.2/11.9 s and 1.5 GB)', () => {
  it('assembles within a generous CPU-time bound (it grew with the square of the depth), every scope closed', () => {
    for (const directive of ['.proc', '.scope'] as const) {
      const source = nested(20_000, directive);
      const started = cpuMilliseconds();
      const result = assemble(source, { fileName: 'deep.s' });
      expect(cpuMilliseconds() - started, `${directive} nesting`).toBeLessThan(6000);
      expect(result.diagnostics).toEqual([]);
      expect([...result.image!.bytes]).toEqual([0xa9, 0x01, 0x60]);
    }
  }, 60_000);

  it('names the innermost label by its whole path', () => {
    const result = assemble(nested(2000, '.proc'), { fileName: 'deep.s' });
    const path = Array.from({ length: 2000 }, (_, index) => `p${index}`).join('::');
    expect(result.symbols.get(`${path}::inner`)?.value).toBe(0x0600);
  });
});

describe('moth asm --symbols, --listing and --map on 20,000 nested .proc (issue 12: "Invalid string length", exit 70)', () => {
  it('writes them all and exits 0 (the symbol file alone is over a gigabyte of names, written a line at a time)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'moth-deep-'));
    try {
      const source = join(folder, 'deep.s');
      writeFileSync(source, nested(20_000, '.proc'));
      const run = await watchMoth(['asm', source, '-o', join(folder, 'deep.bin'), '--symbols', '/dev/null', '--map', '/dev/null', '--listing', '/dev/null'], { timeoutMs: 120_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(readFileSync(join(folder, 'deep.bin'))).toEqual(Buffer.from([0xa9, 0x01, 0x60]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 150_000);

  it('writes every name whole, innermost last (a smaller nest, read back)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'moth-deep-'));
    try {
      const source = join(folder, 'deep.s');
      writeFileSync(source, nested(300, '.proc'));
      const symbols = join(folder, 'deep.sym');
      const map = join(folder, 'deep.json');
      const run = await watchMoth(['asm', source, '-o', join(folder, 'deep.bin'), '--symbols', symbols, '--map', map]);
      expect(run.status).toBe(0);
      const lines = readFileSync(symbols, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(302);
      const path = Array.from({ length: 300 }, (_, index) => `p${index}`).join('::');
      expect(lines).toContain(`al 000600 .${path}::inner`);
      const parsed = JSON.parse(readFileSync(map, 'utf8')) as { symbols: { name: string }[] };
      expect(parsed.symbols.map((symbol) => symbol.name)).toContain(`${path}::inner`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a chain of constants defined from its far end, used before it is defined (was cubic: 1,000 took 42 s)', () => {
  /** `lda #c0`, then `c999 = c1000`, `c998 = c999`, ..., `c0 = c1`, and last `c1000 = 1`: every line before the last
   * names a constant that is still waiting for the end of the chain. ca65 assembles 4,000 of them in 0.16 s. */
  const chain = (length: number): string => {
    const lines = Array.from({ length }, (_, index) => `c${length - 1 - index} = c${length - index}`);
    return ['  lda #c0', ...lines, `c${length} = 1`, '  rts'].join('\n');
  };

  it('costs work in proportion to its length, and LDA #c0 loads 1 as with ca65', () => {
    for (const length of [1000, 4000]) {
      const { result, pendingEvaluations } = assembleCounting(chain(length));
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect([...result.image!.bytes]).toEqual([0xa9, 0x01, 0x60]);
      expect(pendingEvaluations).toBeLessThan(6 * length);
    }
  });
});
