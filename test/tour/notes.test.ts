// Specifies how `;;` lesson notes attach to source lines.
import { describe, expect, it } from 'vitest';
import { lessonNotes } from '../../src/tour/notes.js';

describe('lessonNotes', () => {
  it('attaches a note to the next code line', () => {
    const source = [';; Put 1 in A.', '  LDA #1', '  BRK'].join('\n');
    expect([...lessonNotes(source)]).toEqual([[2, 'Put 1 in A.']]);
  });

  it('joins consecutive note lines into one paragraph and skips blank lines and plain comments in between', () => {
    const source = [';; first line', ';; second line', '', '; an ordinary comment', '  INX', '  BRK'].join('\n');
    expect(lessonNotes(source).get(5)).toBe('first line second line');
    expect(lessonNotes(source).size).toBe(1);
  });

  it('a bare ;; separates paragraphs with an empty line', () => {
    const source = [';; one', ';; more', ';;', ';; two', 'NOP'].join('\n');
    expect(lessonNotes(source).get(5)).toBe('one more\n\ntwo');
  });

  it('list items and indented lines keep lines of their own', () => {
    const source = [';; Three steps:', ';; - fetch', ';; - decode and', ';; execute', ';;   X  Y', 'NOP'].join('\n');
    expect(lessonNotes(source).get(6)).toBe('Three steps:\n- fetch\n- decode and execute\n  X  Y');
  });

  it('a ;; after code belongs to that line, after any notes above it', () => {
    const source = [';; above', '  LDA #1 ;; beside', '  STA $10 ; plain comment', '  BRK'].join('\n');
    const notes = lessonNotes(source);
    expect(notes.get(2)).toBe('above\n\nbeside');
    expect(notes.has(3)).toBe(false);
  });

  it('a note on a label line is kept there and also reaches the next instruction', () => {
    const source = [';; The loop starts here.', 'loop:', '  DEX', '  BNE loop'].join('\n');
    const notes = lessonNotes(source);
    expect(notes.get(2)).toBe('The loop starts here.');
    expect(notes.get(3)).toBe('The loop starts here.');
    expect(notes.has(4)).toBe(false);
  });

  it('a label line passes its note on and the next line adds its own', () => {
    const source = [';; label note', '@next:', ';; instruction note', '  INY'].join('\n');
    expect(lessonNotes(source).get(4)).toBe('label note\n\ninstruction note');
  });

  it('a label followed by an instruction on the same line is a code line', () => {
    const source = [';; note', 'loop: DEX', '  BNE loop'].join('\n');
    const notes = lessonNotes(source);
    expect(notes.get(2)).toBe('note');
    expect(notes.has(3)).toBe(false);
  });

  it('a semicolon inside a string or character literal does not start a comment', () => {
    const source = ['  .byte "a;b" ;; the string', "  LDA #';' ;; a semicolon", '  BRK'].join('\n');
    const notes = lessonNotes(source);
    expect(notes.get(1)).toBe('the string');
    expect(notes.get(2)).toBe('a semicolon');
  });

  it('a plain ; comment is not a note, and notes at the end of the file are dropped', () => {
    const source = ['; not a note', '  BRK', ';; trailing note'].join('\n');
    expect(lessonNotes(source).size).toBe(0);
  });

  it('counts lines the same way with Windows line endings', () => {
    expect(lessonNotes(';; note\r\n  NOP\r\n').get(2)).toBe('note');
  });

  it('directives and constant assignments can carry notes', () => {
    const source = [';; the console', 'CONSOLE = $F001', ';; data', 'message: .byte "hi", 0'].join('\n');
    const notes = lessonNotes(source);
    expect(notes.get(2)).toBe('the console');
    expect(notes.get(4)).toBe('data');
  });
});
