// Every tour chapter at 80×24 in a real terminal (tmux, TERM=screen, no 256 colours): the status line is never
// cut mid-word, the lesson note is wrapped at word boundaries and scrolls (`>`) to its last word, and where a
// chapter has a loop, running to its branch shows the loop's first and last line on one screen.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHAPTERS, lessonNotes } from '../../src/tour/index.js';
import { TmuxTerminal, builtCliExists, hasTmux } from './helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasTmux && builtCliExists(root);
if (!ready) console.warn('test/tui/tour-80x24: SKIPPED, needs tmux and `npm run build`');

const SMALL = { columns: 80, rows: 24 };
const PANE_TITLE = /^ (Stack|Console|Watches|Display|Registers|Memory|Disassembly|Bus|LCD|Source)\b/;
const BRANCH = /^\s*(BNE|BEQ|BPL|BMI|BCC|BCS|BVC|BVS|JMP)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(;.*)?$/;

/** The first branch or jump back to a label defined above it: the chapter's loop, as source line numbers. */
function firstLoop(lines: readonly string[]): { readonly top: number; readonly branch: number } | undefined {
  const labels = new Map<string, number>();
  for (let index = 0; index < lines.length; index++) {
    const label = /^([A-Za-z_][A-Za-z0-9_]*):/.exec(lines[index]!);
    if (label !== null) labels.set(label[1]!, index + 1);
    const branch = BRANCH.exec(lines[index]!);
    const top = branch === null ? undefined : labels.get(branch[2]!);
    if (top !== undefined) return { top, branch: index + 1 };
  }
  return undefined;
}

/** The notes pane's title and text rows, cut out of the screen wherever the layout put the pane. */
function notesPane(screen: string): { readonly title: string; readonly rows: string[] } | undefined {
  const lines = screen.split('\n');
  const at = lines.findIndex((line) => line.includes(' Notes'));
  if (at < 0) return undefined;
  const column = lines[at]!.indexOf(' Notes');
  const cut = (line: string): string => {
    const rest = line.slice(column);
    const border = rest.indexOf('│');
    return border < 0 ? rest : rest.slice(0, border);
  };
  const rows: string[] = [];
  for (let row = at + 1; row < lines.length - 3; row++) {
    const text = cut(lines[row] ?? '');
    if (PANE_TITLE.test(text)) break;
    rows.push(text.trim());
  }
  return { title: cut(lines[at]!).trim(), rows: rows.filter((row) => row !== '') };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

describe.skipIf(!ready)('the tour at 80×24 in tmux with TERM=screen', () => {
  let terminal: TmuxTerminal | undefined;
  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  for (const chapter of CHAPTERS) {
    it(`chapter ${chapter.number} (${chapter.title}): whole words in the status line and the notes, the loop on screen`, async () => {
      const source = readFileSync(`${root}/${chapter.program}`, 'utf8');
      const sourceLines = source.split('\n');
      const notes = lessonNotes(source);
      const t = TmuxTerminal.start(`node bin/moth.js tour ${chapter.number}`, root, SMALL, { term: 'screen' });
      terminal = t;
      await t.waitFor((screen) => /stopped/.test(screen.split('\n')[23] ?? ''), 'the first frame');
      const loop = firstLoop(sourceLines);
      if (loop !== undefined) {
        t.send(':');
        t.type(`until ${loop.branch}`);
        t.send('Enter');
        await t.waitForText(`┌─ until ${loop.branch} `, 15000); // the stop's popup
        t.send('C-l'); // closes the popup
        const pattern = new RegExp(`▶ *${loop.branch} `);
        await t.waitFor((screen) => pattern.test(screen) && !screen.includes('┌─ until'), `the PC on line ${loop.branch}`);
      } else {
        t.send('s', 's', 's');
        await t.waitFor((screen) => /instr 3\b/.test(screen), 'three steps');
      }
      const screen = await t.waitFor((text) => !text.includes('any key closes'), 'the popup closed');
      const rows = screen.split('\n');
      // The status line: parts are dropped whole, so it ends with a whole key hint (status.ts), never a cut word.
      const status = rows[23]!.trimEnd();
      expect(status.length).toBeLessThanOrEqual(80);
      expect(status, status).toMatch(/ {2}(s step|n over|c run|u back|b break|: cmd|\? help|q quit)$/);
      if (loop !== undefined) {
        const source = rows.map((row) => row.split('│')[0] ?? '');
        const shows = (line: number): boolean => source.some((row) => new RegExp(`^[ ▶●]*${line} `).test(row.trimStart()) || new RegExp(`^\\D*\\s${line} `).test(row));
        expect(shows(loop.top), `line ${loop.top} (the loop's label) on screen:\n${screen}`).toBe(true);
        expect(shows(loop.branch), `line ${loop.branch} (the branch back) on screen:\n${screen}`).toBe(true);
      }
      const pane = notesPane(screen);
      expect(pane, `a notes pane:\n${screen}`).toBeDefined();
      const noted = /Notes \(line (\d+)\)/.exec(pane!.title);
      if (noted === null) return; // before the first noted line
      const note = notes.get(Number(noted[1]))!;
      expect(note).toBeDefined();
      const all = words(note);
      // Every row holds whole words of the note; the first page starts with its first word, and `>` scrolls
      // until the page shows its last one.
      let current = pane!;
      expect(words(current.rows[0] ?? '')[0]).toBe(all[0]);
      for (let page = 0; page < 20; page++) {
        for (const word of current.rows.flatMap(words)) expect(all, `"${word}" is a whole word of the note`).toContain(word);
        const range = /(\d+)-(\d+)\/(\d+)/.exec(current.title);
        if (range === null || range[2] === range[3]) break;
        const before = t.screen();
        t.send('>');
        const next = await t.waitFor((text) => text !== before, 'the note scrolled');
        current = notesPane(next)!;
      }
      expect(current.rows.flatMap(words).at(-1)).toBe(all.at(-1));
    }, 40000);
  }
});
