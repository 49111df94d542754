/**
 * `moth tour [chapter]`: lists the tour's chapters, or opens one chapter's program in the debugger with its
 * `;;` lesson notes beside the source.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { CHAPTERS, chapterFolder, findChapter } from '../../tour/chapters.js';
import type { Chapter } from '../../tour/chapters.js';
import { cpuFromArgs, parseExpectations } from '../../tour/expectations.js';
import { lessonNotes } from '../../tour/notes.js';
import type { LessonNotes } from '../../tour/notes.js';
import { UserError } from '../errors.js';
import { packagePath } from '../package-root.js';
import type { CliStreams } from '../streams.js';
import type { CpuVariant } from '../../cpu/variants.js';
import { debugCommand } from './debug.js';

export interface TourCommandOptions {
  /** Print the chapter list instead of opening a chapter. */
  readonly list: boolean;
}

export async function tourCommand(chapter: string | undefined, options: TourCommandOptions, streams: CliStreams): Promise<number> {
  if (chapter === undefined || options.list) {
    streams.stdout.write(chapterList());
    return 0;
  }
  const found = findChapter(chapter);
  if (found === undefined) {
    throw new UserError(`there is no tour chapter "${chapter}"; chapters are 0 to ${CHAPTERS.length - 1} (see \`moth tour\`)`, 2);
  }
  const program = displayPath(found.program);
  // A chapter's program names the CPU it is written for in its `; args:` line (chapter 10: --cpu 65c02).
  const cpu = cpuFromArgs(parseExpectations(readFileSync(packagePath(found.program) ?? found.program, 'utf8')).args);
  if (streams.stdout.isTTY !== true || process.stdin.isTTY !== true) {
    streams.stdout.write(withoutTerminal(found, program, cpu));
    return 0;
  }
  return debugCommand(
    program,
    { machine: 'default', load: undefined, start: undefined, brkVector: false, cpu },
    streams,
    { title: `Tour ${found.number} · ${found.title}`, notesForLine: notesReader() },
  );
}

/** The text `moth tour` prints: one line per chapter, then how to open one. */
export function chapterList(): string {
  const width = Math.max(...CHAPTERS.map((chapter) => chapter.title.length));
  const lines = CHAPTERS.map(
    (chapter) => `  ${String(chapter.number).padStart(2)}  ${chapter.title.padEnd(width)}  ${chapter.summary}`,
  );
  return [
    'The moth tour: how a 6502 works, one idea at a time.',
    '',
    ...lines,
    '',
    'moth tour N  opens chapter N in the debugger, with lesson notes beside the code.',
    `Read the chapters in docs/tour/, starting with ${displayPath(CHAPTERS[0]!.doc)}.`,
    '',
  ].join('\n');
}

/** Without a terminal there is no debugger to open: say where the chapter is and what to run instead. */
function withoutTerminal(chapter: Chapter, program: string, cpu: CpuVariant | undefined): string {
  const option = cpu === undefined ? '' : `--cpu ${cpu} `;
  return [
    `Tour ${chapter.number} · ${chapter.title}: ${chapter.summary}`,
    `  read:  ${displayPath(chapter.doc)}`,
    `  run:   moth run ${option}${program}`,
    `  step:  moth debug ${option}${program}   (the debugger needs a terminal)`,
    `  exercises: ${displayPath(`programs/${chapterFolder(chapter)}/exercises/`)}`,
    '',
  ].join('\n');
}

/**
 * A repository path as the user should type it: relative to the working folder when moth's own folder is
 * the working folder or below it, absolute otherwise (moth installed elsewhere).
 */
function displayPath(inPackage: string): string {
  const absolute = packagePath(inPackage) ?? inPackage;
  const fromHere = relative(process.cwd(), absolute);
  return fromHere === '' || fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere;
}

/** notesForLine for the debugger: parses each source file's notes once, on first use. */
function notesReader(): (file: string, line: number) => string | undefined {
  const cache = new Map<string, LessonNotes>();
  return (file, line) => {
    const key = resolve(file);
    let notes = cache.get(key);
    if (notes === undefined) {
      try {
        notes = lessonNotes(readFileSync(key, 'utf8'));
      } catch {
        // A file the debug map names but that cannot be read simply has no notes.
        notes = new Map();
      }
      cache.set(key, notes);
    }
    return notes.get(line);
  };
}
