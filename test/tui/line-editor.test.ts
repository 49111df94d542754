// Checks the prompt line: typing, cursor keys, history with Up/Down and Tab completion.
import { describe, expect, it } from 'vitest';
import { commonPrefix, editLine, openEditor, remember, type EditorKey, type LineEditorState } from '../../src/tui/line-editor.js';

function type(state: LineEditorState, text: string): LineEditorState {
  return [...text].reduce((current, char) => editLine(current, { kind: 'char', char }), state);
}

function press(state: LineEditorState, ...keys: EditorKey['kind'][]): LineEditorState {
  return keys.reduce((current, kind) => editLine(current, kind === 'char' ? { kind, char: '' } : ({ kind } as EditorKey)), state);
}

describe('line editor', () => {
  it('types, moves the cursor and deletes where it is', () => {
    let state = type(openEditor(':'), 'brak');
    state = press(state, 'left', 'left');
    state = type(state, 'e');
    expect(state.text).toBe('break');
    state = press(state, 'backspace');
    expect(state.text).toBe('brak');
    state = press(state, 'home', 'delete');
    expect(state.text).toBe('rak');
  });

  it('walks history with Up and Down and restores the draft', () => {
    let state = type(openEditor(':', ['step', 'break loop']), 'reg');
    state = press(state, 'up');
    expect(state.text).toBe('break loop');
    state = press(state, 'up', 'up');
    expect(state.text).toBe('step');
    state = press(state, 'down', 'down');
    expect(state.text).toBe('reg');
  });

  it('completes with Tab: one candidate fully, several to their common prefix', () => {
    const complete = (text: string) => ['break', 'back', 'bt'].filter((word) => word.startsWith(text));
    expect(editLine(type(openEditor(':'), 'br'), { kind: 'tab' }, complete).text).toBe('break');
    expect(editLine(type(openEditor(':'), 'b'), { kind: 'tab' }, complete).text).toBe('b');
    expect(editLine(type(openEditor(':'), 'ba'), { kind: 'tab' }, complete).text).toBe('back');
    expect(commonPrefix(['register', 'registers', 'reg'])).toBe('reg');
  });

  it('remembers entries without blanks or immediate repeats', () => {
    expect(remember(['step'], 'step')).toEqual(['step']);
    expect(remember(['step'], '  ')).toEqual(['step']);
    expect(remember(['step'], 'next')).toEqual(['step', 'next']);
  });
});
