/** Runs every test/asm/cases/*.s file: `; = bytes` and `; error:`/`; warning:` comments are its expectations. */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, formatDiagnostic } from '../../src/asm/index.js';

const casesDirectory = join(import.meta.dirname, 'cases');

interface Expectations {
  bytes: Map<number, string>;
  diagnostics: { line: number; severity: string; text: string }[];
}

function readExpectations(source: string): Expectations {
  const bytes = new Map<number, string>();
  const diagnostics: Expectations['diagnostics'] = [];
  source.split('\n').forEach((text, index) => {
    const line = index + 1;
    const comment = text.indexOf(';');
    if (comment < 0) return;
    // A line may carry several expectations: `; = A9 01 ; warning: ...`.
    for (const part of text.slice(comment).split(';').map((piece) => piece.trim())) {
      if (part.startsWith('= ')) bytes.set(line, part.slice(2).trim().toUpperCase());
      const match = /^(error|warning): (.*)$/.exec(part);
      if (match) diagnostics.push({ line, severity: match[1]!, text: match[2]!.trim() });
    }
  });
  return { bytes, diagnostics };
}

const caseFiles = readdirSync(casesDirectory).filter((name) => name.endsWith('.s') && !name.startsWith('_'));

describe('assembler case files', () => {
  it.each(caseFiles)('%s', (name) => {
    const source = readFileSync(join(casesDirectory, name), 'utf8');
    const expectations = readExpectations(source);
    const result = assemble(source, {
      fileName: name,
      resolveFile: (path, _from, kind) => {
        try {
          const content = readFileSync(join(casesDirectory, path));
          return kind === 'text' ? content.toString('utf8') : new Uint8Array(content);
        } catch {
          return undefined;
        }
      },
    });

    const actualDiagnostics = result.diagnostics
      .filter((diagnostic) => diagnostic.severity !== 'note' && diagnostic.location?.file === name)
      .map((diagnostic) => ({ line: diagnostic.location!.line, severity: diagnostic.severity, message: diagnostic.message }));
    for (const expected of expectations.diagnostics) {
      const found = actualDiagnostics.find((actual) => actual.line === expected.line && actual.severity === expected.severity && actual.message.includes(expected.text));
      expect(found, `line ${expected.line}: expected ${expected.severity} containing "${expected.text}"; got:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`).toBeDefined();
    }
    const unexpected = actualDiagnostics.filter(
      (actual) => !expectations.diagnostics.some((expected) => expected.line === actual.line && expected.severity === actual.severity && actual.message.includes(expected.text)),
    );
    expect(unexpected, 'diagnostics no comment asked for').toEqual([]);

    if (expectations.bytes.size === 0) return;
    expect(result.ok, result.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
    const image = result.image!;
    for (const [line, expected] of expectations.bytes) {
      const entries = result.debugMap.filter(
        (entry) => (entry.location.file === name && entry.location.line === line && !entry.macroCall) || (entry.macroCall?.file === name && entry.macroCall.line === line),
      );
      const actual = entries
        .flatMap((entry) => [...image.bytes.subarray(entry.address - image.start, entry.address - image.start + entry.length)])
        .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
        .join(' ');
      expect(actual, `bytes of line ${line}: ${source.split('\n')[line - 1]}`).toBe(expected);
    }
  });
});
