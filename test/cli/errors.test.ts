// UserError is recognised by `instanceof` whichever copy of errors.ts made it (the bundle carries its own copy).
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/cli/errors.js';

describe('UserError', () => {
  it('keeps its message, exit code and formatted text', () => {
    const error = new UserError('bad input', 2, 'formatted\n');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(UserError);
    expect([error.message, error.exitCode, error.formatted, error.name]).toEqual(['bad input', 2, 'formatted\n', 'UserError']);
  });

  it('is recognised across two copies of its module', async () => {
    // The query string makes vitest load a second, separate instance of the module (a variable, so tsc does
    // not look for a file of that name).
    const secondCopy = '../../src/cli/errors.js?second-copy';
    const other = (await import(secondCopy)) as typeof import('../../src/cli/errors.js');
    expect(other.UserError).not.toBe(UserError);
    expect(new other.UserError('from the other copy')).toBeInstanceOf(UserError);
    expect(new UserError('from this copy')).toBeInstanceOf(other.UserError);
  });

  it('is not claimed by other errors or values', () => {
    for (const value of [new Error('plain'), { message: 'x', exitCode: 1 }, null, undefined, 'text', 7]) {
      expect(value instanceof UserError).toBe(false);
    }
  });
});
