// Checks the face's side of the command line: whole-line completion from word completions, and `speed`.
import { describe, expect, it } from 'vitest';
import type { DebugSession } from '../../src/debugger/session.js';
import { commandLineFor, completeLine, speedCommand } from '../../src/tui/command-line.js';

describe('command line', () => {
  it('completes the word being typed and keeps the rest of the line', () => {
    const words = (line: string) => (line.endsWith('lo') ? ['loop', 'load'] : ['break']);
    expect(completeLine('br', words)).toEqual(['break']);
    expect(completeLine('break lo', words)).toEqual(['break loop', 'break load']);
    expect(completeLine('break ', () => ['loop'])).toEqual(['break loop']);
  });

  it('hands next and finish back to the face, so they run without blocking', () => {
    // The session is not consulted for these words, so a stand-in object is enough here.
    const line = commandLineFor({} as DebugSession);
    expect(line.run('next')).toMatchObject({ step: 'over' });
    expect(line.run('n')).toMatchObject({ step: 'over' });
    expect(line.run('finish')).toMatchObject({ step: 'out' });
    expect(line.run('continue')).toMatchObject({ run: true });
    expect(line.run('quit')).toMatchObject({ quit: true });
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
