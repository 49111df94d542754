// Checks the key table: every key the brief promises does its job, no key is bound twice, and help lists them all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEYMAP, actionFor, helpLines, keyTableMarkdown } from '../../src/tui/keymap.js';

describe('keymap', () => {
  it('binds the gdb / VS Code keys and their letters', () => {
    expect(actionFor('f5', undefined)).toBe('continue');
    expect(actionFor('c', 'c')).toBe('continue');
    expect(actionFor('f10', undefined)).toBe('stepOver');
    expect(actionFor('n', 'n')).toBe('stepOver');
    expect(actionFor('f11', undefined)).toBe('stepInto');
    expect(actionFor('s', 's')).toBe('stepInto');
    expect(actionFor('S-f11', undefined)).toBe('stepOut');
    expect(actionFor('o', 'o')).toBe('stepOut');
    expect(actionFor('u', 'u')).toBe('stepBack');
    expect(actionFor('backspace', '\x7f')).toBe('stepBack');
    expect(actionFor('S-u', 'U')).toBe('reverseContinue');
    expect(actionFor('b', 'b')).toBe('toggleBreakpoint');
    expect(actionFor('S-r', 'R')).toBe('reset');
    expect(actionFor('S-n', 'N')).toBe('nmi');
    expect(actionFor('g', 'g')).toBe('goTo');
    expect(actionFor(':', ':')).toBe('command');
    expect(actionFor('?', '?')).toBe('help');
    expect(actionFor('q', 'q')).toBe('quit');
  });

  it('tells upper from lower case: r does nothing, R resets', () => {
    expect(actionFor('r', 'r')).toBeUndefined();
  });

  it('binds no key twice', () => {
    const keys = KEYMAP.flatMap((binding) => binding.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('folds the help into two columns that fit an 80×24 terminal', () => {
    const lines = helpLines(20);
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(76);
    expect(helpLines().length).toBe(KEYMAP.length + 2);
  });

  it('lists every binding in the help and the docs table', () => {
    const help = helpLines().join('\n');
    const table = keyTableMarkdown();
    for (const binding of KEYMAP) {
      expect(help).toContain(binding.description);
      expect(table).toContain(binding.description);
    }
  });

  it('docs/debugger.md carries the same key table as the code', () => {
    expect(readFileSync('docs/debugger.md', 'utf8')).toContain(keyTableMarkdown());
  });
});
