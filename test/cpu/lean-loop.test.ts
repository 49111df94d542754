// The generated lean loop must match what the generator makes from execute.ts today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateLeanLoop } from '../../scripts/generate-loops.js';

describe('src/cpu/engine/lean-loop.generated.ts', () => {
  it('is up to date with execute.ts (regenerate: npm run generate)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateLeanLoop());
  });
});
