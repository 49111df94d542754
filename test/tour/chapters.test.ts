// Checks the tour's chapters against the files on disk: pages, sections, links, programs and exercises.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHAPTERS, chapterFolder, findChapter } from '../../src/tour/chapters.js';
import { lessonNotes } from '../../src/tour/notes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOUR_DOCS = join(ROOT, 'docs/tour');

const REQUIRED_SECTIONS = [
  '## The idea',
  '## Instructions in this chapter',
  '## The program',
  '## Watch it in the debugger',
  '## Exercises',
  '## Where moth does this',
];

function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Targets of markdown links `[text](target)` that point into the repository (not web addresses). */
function localLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => target.replace(/#.*$/, ''))
    .filter((target) => target !== '');
}

/** The text of one `## ` section, up to the next `## ` heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading + '\n');
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the chapter index', () => {
  it('numbers chapters 0, 1, 2… in order with unique slugs', () => {
    expect(CHAPTERS.map((chapter) => chapter.number)).toEqual(CHAPTERS.map((_, index) => index));
    expect(new Set(CHAPTERS.map((chapter) => chapter.slug)).size).toBe(CHAPTERS.length);
  });

  it('lists exactly the chapter pages in docs/tour', () => {
    const pages = readdirSync(TOUR_DOCS).filter((name) => /^\d\d-.*\.md$/.test(name)).sort();
    expect(CHAPTERS.map((chapter) => chapter.doc.replace('docs/tour/', ''))).toEqual(pages);
  });

  it('lists exactly the chapter folders in programs', () => {
    const folders = readdirSync(join(ROOT, 'programs')).filter((name) => /^\d\d-/.test(name)).sort();
    expect(CHAPTERS.map(chapterFolder)).toEqual(folders);
  });

  it('finds chapters by number, padded number, slug or folder name', () => {
    expect(findChapter('3')?.number).toBe(3);
    expect(findChapter('03')?.number).toBe(3);
    expect(findChapter(CHAPTERS[1]!.slug)?.number).toBe(1);
    expect(findChapter(chapterFolder(CHAPTERS[2]!))?.number).toBe(2);
    expect(findChapter('99')).toBeUndefined();
    expect(findChapter('no-such-chapter')).toBeUndefined();
  });

  it('the tour README links every chapter page in order', () => {
    const readme = read('docs/tour/README.md');
    const linked = localLinks(readme).filter((target) => /^\d\d-.*\.md$/.test(target));
    expect(linked).toEqual(CHAPTERS.map((chapter) => chapter.doc.replace('docs/tour/', '')));
    for (const target of localLinks(readme)) expect(existsSync(resolve(TOUR_DOCS, target)), target).toBe(true);
  });
});

describe.each(CHAPTERS.map((chapter) => [chapterFolder(chapter), chapter] as const))('chapter %s', (_name, chapter) => {
  const doc = existsSync(join(ROOT, chapter.doc)) ? read(chapter.doc) : '';

  it('has its page and its main program, and the page names the program', () => {
    expect(existsSync(join(ROOT, chapter.doc))).toBe(true);
    expect(existsSync(join(ROOT, chapter.program))).toBe(true);
    expect(doc).toContain(chapter.program);
  });

  it('the page opens with its number and title and has every required section', () => {
    expect(doc.split('\n')[0]).toBe(`# ${chapter.number} · ${chapter.title}`);
    for (const heading of REQUIRED_SECTIONS) expect(doc, heading).toContain('\n' + heading + '\n');
  });

  it('every local link points to a file that exists', () => {
    const links = localLinks(doc);
    expect(links.length).toBeGreaterThan(0);
    for (const target of links) expect(existsSync(resolve(TOUR_DOCS, target)), target).toBe(true);
  });

  it('every programs/… path the page mentions exists', () => {
    const paths = [...doc.matchAll(/(?<![\w/.])programs\/[\w./-]+\.s\b/g)].map((match) => match[0]);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it('links to the CPU source that implements the concept', () => {
    const cpuLinks = localLinks(doc).filter((target) => target.startsWith('../../src/cpu/'));
    expect(cpuLinks.length).toBeGreaterThan(0);
  });

  it('every function it names as `name()` where the concept lives exists in a file that section links', () => {
    const where = section(doc, '## Where moth does this');
    const files = localLinks(where)
      .filter((target) => target.endsWith('.ts'))
      .map((target) => readFileSync(resolve(TOUR_DOCS, target), 'utf8'));
    const names = [...where.matchAll(/`(\w+)\(\)`/g)].map((match) => match[1]!);
    for (const name of names) {
      const defined = new RegExp(`(function ${name}\\(|^\\s+${name}\\()`, 'm');
      expect(files.some((text) => defined.test(text)), `${name}() in the files linked`).toBe(true);
    }
  });

  it('has at least two exercises, each answered by a program with `; expect:` lines', () => {
    const exercises = section(doc, '## Exercises');
    const answers = [...exercises.matchAll(/Answer: \[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const answer of answers) {
      const path = resolve(TOUR_DOCS, answer);
      expect(path.startsWith(join(ROOT, 'programs', chapterFolder(chapter), 'exercises'))).toBe(true);
      expect(readFileSync(path, 'utf8')).toMatch(/^; expect: /m);
    }
  });

  it('every exercise program in its folder is an answer on the page', () => {
    const folder = join(ROOT, 'programs', chapterFolder(chapter), 'exercises');
    const files = readdirSync(folder).filter((name) => name.endsWith('.s'));
    for (const file of files) expect(doc, file).toContain(`programs/${chapterFolder(chapter)}/exercises/${file}`);
  });

  it('no lesson note in its programs is left without a line to belong to', () => {
    const folder = join(ROOT, 'programs', chapterFolder(chapter));
    const files = [
      ...readdirSync(folder).filter((name) => name.endsWith('.s')).map((name) => join(folder, name)),
      ...readdirSync(join(folder, 'exercises')).filter((name) => name.endsWith('.s')).map((name) => join(folder, 'exercises', name)),
    ];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split(/\r?\n/);
      const noteLines = lines.flatMap((line, index) => (/^\s*;;/.test(line) ? [index] : []));
      const lastNote = noteLines.at(-1);
      if (lastNote === undefined) continue;
      const codeAfter = lines.slice(lastNote + 1).some((line) => line.replace(/;.*$/, '').trim() !== '');
      expect(codeAfter, `${file}: the note on line ${lastNote + 1} has no code after it`).toBe(true);
    }
  });

  it('the main program carries lesson notes and says what it prints', () => {
    const source = read(chapter.program);
    expect(lessonNotes(source).size).toBeGreaterThanOrEqual(3);
    expect(source).toMatch(/^; expect(-stop)?: /m);
  });
});
