/** Small helpers for the assembler's unit tests: assemble a snippet and read its bytes as hex. */

import { expect } from 'vitest';
import { assemble, formatDiagnostic, type AssembleOptions, type AssemblyResult } from '../../src/asm/index.js';

/** Assembles and fails the test (showing every diagnostic) unless it assembled without errors. */
export function assembleOk(source: string, options: AssembleOptions = {}): AssemblyResult {
  const result = assemble(source, { fileName: 'test.s', ...options });
  expect(result.ok, result.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
  return result;
}

/** The image as `A9 01 ...`. */
export function hexOf(result: AssemblyResult): string {
  return Array.from(result.image?.bytes ?? [], (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Bytes of a snippet assembled at the default origin. */
export function bytesOf(source: string): string {
  return hexOf(assembleOk(source));
}

/** Error messages (only the errors), in order. */
export function errorsOf(source: string, options: AssembleOptions = {}): string[] {
  const result = assemble(source, { fileName: 'test.s', ...options });
  return result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.message);
}
