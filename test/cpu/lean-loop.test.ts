// The generated lean loop must match what the generator makes from execute.ts today.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateLeanLoop } from './lean-loop-generator.js';

const GENERATED = fileURLToPath(new URL('../../src/cpu/lean-loop.generated.ts', import.meta.url));

describe('src/cpu/lean-loop.generated.ts', () => {
  it('is up to date with execute.ts (regenerate: MOTH_WRITE_GENERATED=1 npx vitest run test/cpu/lean-loop.test.ts)', () => {
    const expected = generateLeanLoop();
    if (process.env['MOTH_WRITE_GENERATED'] === '1') writeFileSync(GENERATED, expected);
    expect(readFileSync(GENERATED, 'utf8')).toBe(expected);
  });
});
