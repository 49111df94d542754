/**
 * Draws the debugger's styled lines (src/tui/render/spans.ts: text runs with a style name, the same values the
 * terminal panes are made of) as HTML: one `<span class="s-STYLE">` per run, so both faces show one formatter's
 * output and only the theme differs.
 */
import type { Line } from '../tui/render/spans.js';

/** What each element shows now, so an unchanged pane costs no DOM work. */
const drawn = new WeakMap<HTMLElement, string>();

/** Replaces the element's content with the lines (joined by newlines, for a `<pre>`). */
export function drawLines(element: HTMLElement, all: readonly Line[]): void {
  // Panes pad themselves to a terminal height with empty lines; a page lets the box shrink instead.
  let end = all.length;
  while (end > 0 && all[end - 1]!.every((part) => part.text.trim() === '')) end--;
  const lines = all.slice(0, end);
  const key = JSON.stringify(lines);
  if (drawn.get(element) === key) return;
  drawn.set(element, key);
  const fragment = document.createDocumentFragment();
  lines.forEach((line, index) => {
    if (index > 0) fragment.append('\n');
    for (const part of line) {
      const node = document.createElement('span');
      if ('style' in part) {
        node.className = `s-${part.style}`;
      } else {
        node.style.color = part.foreground;
        node.style.backgroundColor = part.background;
      }
      node.textContent = part.text;
      fragment.append(node);
    }
  });
  element.replaceChildren(fragment);
}
