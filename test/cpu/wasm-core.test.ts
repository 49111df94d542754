// The generated wasm core must match what the generator makes from execute.ts today.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WASM_GENERATED_FILE, generateWasmCore } from '../../scripts/generate-wasm-core.js';

describe('src/cpu/engine/wasm-core.generated.ts', () => {
  it('is up to date with execute.ts (regenerate: npm run generate)', { timeout: 120_000 }, async () => {
    expect(readFileSync(WASM_GENERATED_FILE, 'utf8')).toBe(await generateWasmCore());
  });
});
