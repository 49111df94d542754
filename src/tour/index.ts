/** The tour's public surface: the chapter index and the lesson-notes parser. */
export { CHAPTERS, chapterFolder, findChapter } from './chapters.js';
export type { Chapter } from './chapters.js';
export { lessonNotes } from './notes.js';
export type { LessonNotes } from './notes.js';
