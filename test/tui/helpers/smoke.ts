// Opens the app on the fake session in a real terminal, for trying the face by hand before the real session exists.
import { runDebuggerApp } from '../../../src/tui/app.js';
import { FAKE_FILE, FAKE_SOURCE, FakeSession } from './fake-session.js';

await runDebuggerApp({
  session: new FakeSession(),
  sources: new Map([[FAKE_FILE, FAKE_SOURCE]]),
  title: 'smoke',
  notesForLine: process.env.NOTES ? (_file, line) => (line === 3 ? 'STA copies A into memory; the display shows it.' : undefined) : undefined,
  commands: { run: (line) => ({ text: line === 'many' ? 'one\ntwo\nthree' : `ran ${line}`, error: false }), complete: (text) => ['break', 'back'].filter((word) => word.startsWith(text)) },
});
process.stdin.pause();
