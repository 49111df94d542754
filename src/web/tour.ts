/**
 * The tour in the page: each chapter's text (docs/tour/*.md) beside the editor, its programs one click (or
 * Enter) away, and its exercises checkable in place against the answers' `; expect:` lines. The lesson notes
 * that follow the PC are the debugger's notes pane (the app shows the `;;` notes of whatever it runs).
 */
import { marked } from 'marked';
import { PROGRAMS, TOUR_DOCS } from 'moth:content';
import { CHAPTERS, type Chapter } from '../tour/chapters.js';
import { parseExpectations } from '../tour/expectations.js';
import type { WebApp } from './app.js';
import { checkExercise } from './exercise.js';

export interface TourElements {
  readonly layout: HTMLElement;
  readonly panel: HTMLElement;
  readonly toggle: HTMLButtonElement;
  readonly chapter: HTMLSelectElement;
  readonly open: HTMLButtonElement;
  readonly text: HTMLElement;
}

/** `../../programs/03-branches/loops.s` (as the tour pages link) → `programs/03-branches/loops.s`. */
function programPath(href: string): string | undefined {
  const match = /(?:^|\/)(programs\/.+\.s)$/.exec(href);
  return match?.[1];
}

/** The last part of a path: the name the editor shows and diagnostics use. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export class TourPanel {
  private current: Chapter = CHAPTERS[0]!;

  constructor(
    private readonly app: WebApp,
    private readonly elements: TourElements,
  ) {
    for (const chapter of CHAPTERS) {
      const option = document.createElement('option');
      option.value = String(chapter.number);
      option.textContent = `${chapter.number} · ${chapter.title}`;
      elements.chapter.append(option);
    }
    elements.toggle.addEventListener('click', () => this.show(elements.panel.hidden));
    elements.chapter.addEventListener('change', () => this.select(Number(elements.chapter.value)));
    elements.open.addEventListener('click', () => this.openProgram(this.current.program));
    elements.text.addEventListener('click', (event) => this.click(event));
    const fromHash = /^#tour=(\d+)$/.exec(window.location.hash);
    if (fromHash !== null) {
      this.select(Number(fromHash[1]));
      this.show(true);
    }
  }

  /** Shows or hides the tour column. */
  show(visible: boolean): void {
    this.elements.panel.hidden = !visible;
    this.elements.layout.classList.toggle('with-tour', visible);
    this.elements.toggle.setAttribute('aria-expanded', String(visible));
    if (visible) {
      if (this.elements.text.childElementCount === 0) this.select(this.current.number);
      this.elements.chapter.focus();
    }
  }

  /** Shows chapter `number`'s text. */
  select(number: number): void {
    const chapter = CHAPTERS.find((entry) => entry.number === number);
    if (chapter === undefined) return;
    this.current = chapter;
    this.elements.chapter.value = String(number);
    const markdown = TOUR_DOCS[chapter.doc] ?? `(${chapter.doc} is missing from this build)`;
    this.elements.text.innerHTML = marked.parse(markdown, { async: false });
    this.elements.text.scrollTop = 0;
    this.prepareLinks();
  }

  openProgram(path: string): void {
    const text = PROGRAMS[path];
    if (text === undefined) return;
    this.app.openProgram(text, baseName(path));
    this.app.editor.focus();
  }

  /**
   * Links to programs open them in the editor; links to other chapters switch chapter; links into the
   * source tree (no server to show them) become plain names. Each exercise gets a Check button.
   */
  private prepareLinks(): void {
    for (const link of this.elements.text.querySelectorAll('a')) {
      const href = link.getAttribute('href') ?? '';
      const program = programPath(href);
      const chapter = /^(\d\d)-[\w-]+\.md$/.exec(href);
      if (program !== undefined && PROGRAMS[program] !== undefined) {
        link.dataset['program'] = program;
        link.title = 'open in the editor';
        link.href = `#${program}`;
      } else if (chapter !== null) {
        link.dataset['chapter'] = String(Number(chapter[1]));
        link.href = `#tour=${Number(chapter[1])}`;
      } else if (!/^https?:/.test(href)) {
        link.removeAttribute('href');
      }
    }
    const heading = [...this.elements.text.querySelectorAll('h2')].find((h2) => /exercises/i.test(h2.textContent ?? ''));
    const list = heading?.nextElementSibling;
    if (list === null || list === undefined) return;
    for (const item of list.querySelectorAll(':scope > li')) {
      const answer = item.querySelector<HTMLAnchorElement>('a[data-program]');
      const path = answer?.dataset['program'];
      if (path === undefined) continue;
      const expected = parseExpectations(PROGRAMS[path] ?? '');
      if (expected.output.length === 0) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'exercise-check';
      button.textContent = 'Check my program';
      button.title = `run the editor's program and compare its output with: ${expected.output.join(' / ')}`;
      const result = document.createElement('output');
      result.className = 'check-result';
      result.setAttribute('aria-live', 'polite');
      button.addEventListener('click', () => {
        const check = checkExercise(this.app.editor.text, this.app.fileName, expected);
        result.textContent = check.message;
        result.classList.toggle('pass', check.passed);
        result.classList.toggle('fail', !check.passed);
      });
      item.append(document.createElement('br'), button, result);
    }
  }

  private click(event: MouseEvent): void {
    const link = (event.target as HTMLElement | null)?.closest('a');
    if (link === null || link === undefined) return;
    const program = link.dataset['program'];
    const chapter = link.dataset['chapter'];
    if (program !== undefined) {
      event.preventDefault();
      this.openProgram(program);
    } else if (chapter !== undefined) {
      event.preventDefault();
      this.select(Number(chapter));
    }
  }
}
