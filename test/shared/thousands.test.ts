import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/shared/thousands.js';

describe('groupThousands', () => {
  it('puts a comma between groups of three digits, as en-US does', () => {
    for (const value of [0, 7, 999, 1000, 65536, 96241367, 1234567890123, -4096, -123456]) {
      expect(groupThousands(value)).toBe(value.toLocaleString('en-US'));
    }
  });
  it('leaves a fraction alone', () => {
    expect(groupThousands(1234.5)).toBe('1,234.5');
  });
});
