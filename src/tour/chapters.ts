/**
 * The tour's table of contents: one entry per chapter, naming its page in docs/tour/ and the program
 * `moth tour N` opens. Paths are relative to the repository root; the tests check that each one exists.
 */

export interface Chapter {
  /** 0, 1, 2…, shown as two digits in file names. */
  readonly number: number;
  /** The part of the folder and page name after the number, e.g. `the-tape`. */
  readonly slug: string;
  readonly title: string;
  /** One line saying what the chapter adds, for `moth tour`'s list. */
  readonly summary: string;
  /** `docs/tour/00-the-tape.md` */
  readonly doc: string;
  /** The program `moth tour N` opens in the debugger, e.g. `programs/00-the-tape/tape.s`. */
  readonly program: string;
}

function chapter(number: number, slug: string, title: string, summary: string, programFile: string): Chapter {
  const folder = `${String(number).padStart(2, '0')}-${slug}`;
  return {
    number,
    slug,
    title,
    summary,
    doc: `docs/tour/${folder}.md`,
    program: `programs/${folder}/${programFile}`,
  };
}

export const CHAPTERS: readonly Chapter[] = [
  chapter(0, 'the-tape', 'The tape', 'memory, the program counter, the loop', 'tape.s'),
  chapter(1, 'registers', 'Registers, load and store', 'A, X and Y; bytes between memory and the CPU', 'registers.s'),
  chapter(2, 'alu', 'The ALU', 'add, subtract, carry and overflow', 'alu.s'),
  chapter(3, 'branches', 'Flags and branches', 'comparing, deciding and looping', 'loops.s'),
  chapter(4, 'addressing', 'Addressing modes', 'tables, arrays and pointers', 'addressing.s'),
  chapter(5, 'stack', 'The stack and subroutines', 'PHA, PLA, JSR and RTS', 'subroutines.s'),
  chapter(6, 'io', 'Input and output', 'the memory-mapped console and display', 'io.s'),
  chapter(7, 'interrupts', 'Interrupts', 'a timer IRQ and the NMI', 'timer.s'),
  chapter(8, 'decimal', 'Decimal mode', 'counting in BCD with SED', 'decimal.s'),
  chapter(9, 'together', 'Putting it together', 'a snake game and a tiny monitor', 'snake.s'),
  chapter(10, 'the-65c02', 'The 65C02', 'a CPU family evolves: bugs fixed, bytes saved', 'changes.s'),
];

/** The folder name of a chapter: `03-branches`. */
export function chapterFolder(chapter: Chapter): string {
  return `${String(chapter.number).padStart(2, '0')}-${chapter.slug}`;
}

/**
 * Finds a chapter from what a user typed: `3`, `03`, `branches` or `03-branches`.
 * Returns undefined when nothing matches.
 */
export function findChapter(query: string): Chapter | undefined {
  const text = query.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return CHAPTERS.find((entry) => entry.number === Number(text));
  return CHAPTERS.find((entry) => entry.slug === text || chapterFolder(entry) === text);
}
