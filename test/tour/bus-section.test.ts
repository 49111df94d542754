// Chapter 5's bus section: the command it shows works as written, and every bus cycle it quotes is one the
// debugger really prints for the exercise program.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runMoth } from '../cli/helpers.js';

const built = existsSync(join(REPO_ROOT, 'dist/src/cli/main.js'));
if (!built) console.warn('test/tour/bus-section: SKIPPED, run `npm run build` first (npm test does)');

const page = readFileSync(join(REPO_ROOT, 'docs/tour/05-stack.md'), 'utf8');
const section = page.slice(page.indexOf('## The bus, cycle by cycle'), page.indexOf('## Exercises'));
/** Inline code that reads like a bus line: `4  W  $01FD 06  stack push`, optionally after `Cycle k of n of …: `. */
const quotes = [...section.matchAll(/`((?:Cycle \d+ of \d+ of [^`:]+: )?\d+ {2}[RW] {2}\$[0-9A-F]{4} [0-9A-F]{2} {2}[^`]+)`/g)].map((match) => match[1]!);

describe.skipIf(!built)('chapter 5: the bus, cycle by cycle', () => {
  it('the section exists and quotes bus lines from each of its three examples', () => {
    expect(section.length).toBeGreaterThan(0);
    expect(quotes.some((quote) => quote.includes('stack push'))).toBe(true);
    expect(quotes.some((quote) => quote.includes('read-modify-write'))).toBe(true);
    expect(quotes.some((quote) => quote.includes('dummy read'))).toBe(true);
  });

  it('its command runs as written and prints every quoted cycle', () => {
    const command = /^moth (debug .+)$/m.exec(section)![1]!.split(' ');
    const result = runMoth(command);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    for (const quote of quotes) expect(result.stdout, quote).toContain(quote);
    // The JSR's cycles leave the registers alone until the last one.
    expect(result.stdout).toContain('Cycle 6 of 6 of JSR bump');
    expect(result.stdout).toContain('The instruction is complete.');
  });
});
