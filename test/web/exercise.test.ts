// Specifies the web page's exercise check: a program runs on the machine and the CPU its `; args:` line names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExercise } from '../../src/web/exercise.js';
import { parseExpectations } from '../../src/tour/expectations.js';
import { createSession } from '../../src/debugger/program.js';

const CHAPTER_10 = 'programs/10-the-65c02/changes.s';

describe('exercise check in the page', () => {
  it("runs chapter 10's program on the 65C02 its args line names, and it passes", () => {
    const source = readFileSync(CHAPTER_10, 'utf8');
    const result = checkExercise(source, CHAPTER_10, parseExpectations(source));
    expect(result.message).toMatch(/^correct/);
    expect(result.passed).toBe(true);
  });

  it('a session asked for a CPU runs that chip on the preset machine', () => {
    const source = '        .setcpu "65C02"\n        lda #1\n        brk\n';
    const asked = createSession(source, { fileName: 'cpu.s', preset: 'default', cpu: '65c02' });
    const plain = createSession(source, { fileName: 'cpu.s', preset: 'default' });
    expect(asked.ok && asked.session.variant).toBe('65c02');
    expect(plain.ok && plain.session.variant).toBe('6502');
  });
});
