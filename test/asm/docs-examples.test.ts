/** Every ```asm example in docs/assembler.md must assemble without errors, so the manual cannot drift from the tool. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';

const manual = readFileSync(join(import.meta.dirname, '../../docs/assembler.md'), 'utf8');
const examples = [...manual.matchAll(/```asm\n([\s\S]*?)```/g)].map((match, index) => [index + 1, match[1]!] as const);

describe('docs/assembler.md examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(3));
  it.each(examples)('example %i assembles', (_, source) => {
    const result = assemble(source, { fileName: 'example.s' });
    expect(result.ok, result.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
  });
  it('shows the zero-page rule with the bytes it claims', () => {
    const example = examples.find(([, source]) => source.includes('lda early'))![1];
    const bytes = Array.from(assemble(example).image!.bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    expect(bytes).toBe('A5 20 AD 30 00 A5 30 A5 30 A5 30');
  });
});
