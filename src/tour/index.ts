/** The tour's public surface: the chapter index, the lesson-notes parser and the `; expect:` lines parser. */
export { CHAPTERS, chapterFolder, findChapter } from './chapters.js';
export type { Chapter } from './chapters.js';
export { lessonNotes } from './notes.js';
export { parseExpectations } from './expectations.js';
export type { Expectations } from './expectations.js';
export type { LessonNotes } from './notes.js';
