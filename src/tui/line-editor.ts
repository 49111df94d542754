/**
 * The one-line editor behind `:`, `g`, `i` and `w`: pure state and transitions (typing, history, Tab
 * completion), so the app only forwards keys and draws `prompt + text`.
 */

export interface LineEditorState {
  readonly prompt: string;
  readonly text: string;
  /** Cursor position in `text`. */
  readonly cursor: number;
  /** Earlier entries, oldest first. */
  readonly history: readonly string[];
  /** Index into history while browsing with Up/Down; history.length = the line being typed. */
  readonly historyIndex: number;
  /** What was typed before browsing history began, restored when coming back down. */
  readonly draft: string;
}

export type EditorKey =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'backspace' | 'delete' | 'left' | 'right' | 'home' | 'end' | 'up' | 'down' | 'tab' };

export function openEditor(prompt: string, history: readonly string[] = [], text = ''): LineEditorState {
  return { prompt, text, cursor: text.length, history, historyIndex: history.length, draft: text };
}

/**
 * Applies one key. `complete(text)` returns candidate completions of the whole line for Tab: one candidate is
 * taken, several extend the line to their common prefix.
 */
export function editLine(state: LineEditorState, key: EditorKey, complete: (text: string) => readonly string[] = () => []): LineEditorState {
  const { text, cursor } = state;
  switch (key.kind) {
    case 'char':
      return { ...state, text: text.slice(0, cursor) + key.char + text.slice(cursor), cursor: cursor + key.char.length };
    case 'backspace':
      if (cursor === 0) return state;
      return { ...state, text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
    case 'delete':
      return { ...state, text: text.slice(0, cursor) + text.slice(cursor + 1) };
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...state, cursor: Math.min(text.length, cursor + 1) };
    case 'home':
      return { ...state, cursor: 0 };
    case 'end':
      return { ...state, cursor: text.length };
    case 'up': {
      if (state.historyIndex === 0) return state;
      const draft = state.historyIndex === state.history.length ? text : state.draft;
      const entry = state.history[state.historyIndex - 1]!;
      return { ...state, text: entry, cursor: entry.length, historyIndex: state.historyIndex - 1, draft };
    }
    case 'down': {
      if (state.historyIndex >= state.history.length) return state;
      const index = state.historyIndex + 1;
      const entry = index === state.history.length ? state.draft : state.history[index]!;
      return { ...state, text: entry, cursor: entry.length, historyIndex: index };
    }
    case 'tab': {
      const candidates = complete(text);
      if (candidates.length === 0) return state;
      const completed = candidates.length === 1 ? candidates[0]! : commonPrefix(candidates);
      if (completed.length <= text.length) return state;
      return { ...state, text: completed, cursor: completed.length };
    }
  }
}

/** The history after entering `text`: blank lines and immediate repeats are not kept. */
export function remember(history: readonly string[], text: string, limit = 100): string[] {
  if (text.trim() === '' || history[history.length - 1] === text) return [...history];
  return [...history, text].slice(-limit);
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
