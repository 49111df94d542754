// The generated loops must match what the generator makes from execute.ts today, for every CPU variant.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLoops, generatedFile } from '../../scripts/generate-loops.js';
import { CPU_VARIANTS } from '../../src/cpu/variants.js';

describe('src/cpu/engine/loop-*.generated.ts', () => {
  it.each(CPU_VARIANTS)('the %s loop is up to date with execute.ts (regenerate: npm run generate)', (variant) => {
    expect(readFileSync(generatedFile(variant), 'utf8')).toBe(generateLoops(variant));
  });
});
