// The `; expect:` convention: the lines the test suite runs every program against and the web tour checks
// exercises with.
import { describe, expect, it } from 'vitest';
import { parseExpectations, presetFromArgs } from '../../src/tour/expectations.js';

describe('parseExpectations', () => {
  it('reads output lines, input, args, exit code and stop', () => {
    const parsed = parseExpectations(
      ['; expect: one', ';expect: two', '; input: abc', '; input:', '; args: --machine easy6502  --quiet', '; expect-exit: 3', '; expect-stop: trap', 'LDA #1 ; expect: not a whole-line comment'].join('\n'),
    );
    expect(parsed).toEqual({ output: ['one', 'two'], input: 'abc\n\n', args: ['--machine', 'easy6502', '--quiet'], exit: 3, stops: ['trap'] });
  });

  it('defaults: no output, no input, exit 0, BRK or the exit port', () => {
    expect(parseExpectations('BRK\n')).toEqual({ output: [], input: undefined, args: [], exit: 0, stops: ['brk', 'exit'] });
  });
});

describe('presetFromArgs', () => {
  it('finds the machine a program asks for, else the default one', () => {
    expect(presetFromArgs(['--machine', 'easy6502'])).toBe('easy6502');
    expect(presetFromArgs(['--quiet'])).toBe('default');
    expect(presetFromArgs(['--machine', 'c64'])).toBe('default');
    expect(presetFromArgs(['--machine'])).toBe('default');
  });
});
