/** The editor's dark theme and token colours, matching the panes' palette (style.css) so it reads on a projector. */
import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const editorTheme = EditorView.theme(
  {
    '&': { backgroundColor: '#171c22', color: '#e8e8e8' },
    '.cm-content': { caretColor: '#ffaf00' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#ffaf00', borderLeftWidth: '2px' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: '#34506a' },
    '.cm-gutters': { backgroundColor: '#12161b', color: '#9aa4ad', border: 'none' },
    '.cm-activeLine': { backgroundColor: 'rgba(255, 255, 255, 0.05)' },
    '.cm-activeLineGutter': { backgroundColor: 'rgba(255, 255, 255, 0.08)' },
    '.cm-tooltip': { backgroundColor: '#26303a', color: '#e8e8e8', border: '1px solid #3a4652' },
    '.cm-diagnostic-error': { borderLeftColor: '#ff5f5f' },
    '.cm-panels': { backgroundColor: '#12161b', color: '#e8e8e8' },
  },
  { dark: true },
);

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#5fd7ff', fontWeight: 'bold' },
  { tag: tags.labelName, color: '#ffd75f' },
  { tag: tags.number, color: '#87ff87' },
  { tag: tags.string, color: '#ffaf87' },
  { tag: tags.comment, color: '#9aa4ad', fontStyle: 'italic' },
  { tag: tags.variableName, color: '#e8e8e8' },
  { tag: tags.operator, color: '#d7afff' },
  { tag: tags.invalid, color: '#ff5f5f', textDecoration: 'underline' },
]);

export const darkTheme: Extension = [editorTheme, syntaxHighlighting(highlight)];
