// Every explain sentence a chapter quotes is one `moth run --explain` really prints for that chapter's program.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTERS, chapterFolder } from '../../src/tour/chapters.js';
import { cpuFromArgs, parseExpectations } from '../../src/tour/expectations.js';
import { REPO_ROOT, runMoth } from '../cli/helpers.js';

const built = existsSync(join(REPO_ROOT, 'dist/src/cli/main.js'));
if (!built) console.warn('test/tour/explain-quotes: SKIPPED, run `npm run build` first (npm test does)');

/** Inline code spans that look like explain output: a mnemonic, maybe an operand, a colon, the sentence. */
function quotedSentences(markdown: string): string[] {
  return [...markdown.matchAll(/`([A-Z]{3}(?: [^`:]+)?: [^`]+)`/g)].map((match) => match[1]!);
}

const quoting = CHAPTERS.map((chapter) => ({ chapter, quotes: quotedSentences(readFileSync(join(REPO_ROOT, chapter.doc), 'utf8')) }))
  .filter(({ quotes }) => quotes.length > 0);

describe.skipIf(!built)('explain sentences quoted in the tour', () => {
  it('some chapters quote them (so this test checks something)', () => {
    expect(quoting.length).toBeGreaterThanOrEqual(4);
  });

  it.each(quoting.map(({ chapter, quotes }) => [chapterFolder(chapter), chapter.program, quotes] as const))(
    '%s: each quoted sentence is printed by moth run --explain',
    (_name, program, quotes) => {
      const input = /^; input: (.*)$/m.exec(readFileSync(join(REPO_ROOT, program), 'utf8'))?.[1];
      // The CPU the program is written for, from its `; args:` line (chapter 10 runs on the 65C02).
      const cpu = cpuFromArgs(parseExpectations(readFileSync(join(REPO_ROOT, program), 'utf8')).args);
      const args = ['run', '--explain', ...(cpu === undefined ? [] : ['--cpu', cpu]), program];
      const result = runMoth(args, input === undefined ? {} : { input: input + '\n' });
      const lines = result.stdout.split('\n');
      for (const quote of quotes) {
        // A quote may end in `...` (or `...)`) where the page cuts a long sentence short.
        const prefix = quote.replace(/(\.\.\.|…)\)?$/, '');
        expect(lines.some((line) => line.startsWith(prefix)), quote).toBe(true);
      }
    },
  );
});
