// Specifies `moth tour`: the chapter list, the answer without a terminal, and unknown chapters.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chapterList, tourCommand } from '../../src/cli/commands/tour.js';
import { UserError } from '../../src/cli/errors.js';
import { CHAPTERS } from '../../src/tour/chapters.js';

/** Streams that collect what a command writes; not TTYs, as in CI. */
function captureStreams(): { streams: { stdout: Writable; stderr: Writable }; stdout: () => string } {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
  return { streams: { stdout, stderr }, stdout: () => out };
}

describe('moth tour', () => {
  it('lists every chapter with its number, title and summary, and fits 80 columns', () => {
    const text = chapterList();
    for (const chapter of CHAPTERS) {
      expect(text).toMatch(new RegExp(`^\\s+${chapter.number}  ${chapter.title}\\s+${chapter.summary}$`, 'm'));
    }
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('prints the list with no chapter, and with --list', async () => {
    for (const [chapter, list] of [[undefined, false], ['3', true]] as const) {
      const capture = captureStreams();
      expect(await tourCommand(chapter, { list }, capture.streams)).toBe(0);
      expect(capture.stdout()).toBe(chapterList());
    }
  });

  it('without a terminal, says where the chapter is and what to run instead of opening the debugger', async () => {
    const capture = captureStreams();
    expect(await tourCommand('03', { list: false }, capture.streams)).toBe(0);
    const text = capture.stdout();
    expect(text).toContain('Tour 3 · Flags and branches');
    expect(text).toContain('docs/tour/03-branches.md');
    expect(text).toContain('moth run ');
    expect(text).toContain('programs/03-branches/loops.s');
  });

  it('chapter 10 is for the 65C02: its commands carry --cpu 65c02, from its program\'s `; args:` line', async () => {
    const capture = captureStreams();
    expect(await tourCommand('10', { list: false }, capture.streams)).toBe(0);
    const text = capture.stdout();
    expect(text).toContain('Tour 10 · The 65C02');
    expect(text).toContain('moth run --cpu 65c02 programs/10-the-65c02/changes.s');
    expect(text).toContain('moth debug --cpu 65c02 programs/10-the-65c02/changes.s');
  });

  it('an unknown chapter is a user error naming it, not a crash', async () => {
    const capture = captureStreams();
    const attempt = tourCommand('42', { list: false }, capture.streams);
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(tourCommand('42', { list: false }, capture.streams)).rejects.toThrow(/no tour chapter "42"/);
  });
});
