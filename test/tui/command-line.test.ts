// Checks the face's side of the command line: whole-line completion from word completions, and `speed`.
import { describe, expect, it } from 'vitest';
import { completeLine, speedCommand } from '../../src/tui/command-line.js';

describe('command line', () => {
  it('completes the word being typed and keeps the rest of the line', () => {
    const words = (line: string) => (line.endsWith('lo') ? ['loop', 'load'] : ['break']);
    expect(completeLine('br', words)).toEqual(['break']);
    expect(completeLine('break lo', words)).toEqual(['break loop', 'break load']);
    expect(completeLine('break ', () => ['loop'])).toEqual(['break loop']);
  });

  it('speed takes MHz or max, and says what is wrong otherwise', () => {
    expect(speedCommand(['1'])).toMatchObject({ error: false, speedLimit: 1 });
    expect(speedCommand(['0.25'])).toMatchObject({ error: false, speedLimit: 0.25 });
    expect(speedCommand(['MAX'])).toMatchObject({ error: false, speedLimit: null });
    expect(speedCommand(['fast'])).toMatchObject({ error: true });
    expect(speedCommand(['-1'])).toMatchObject({ error: true });
    expect(speedCommand([])).toMatchObject({ error: true });
  });
});
