/** The console pane: what the program printed, newest lines at the bottom, scrollable with the wheel. */
import { expandTabs, wrapText } from '../render/text.js';
import { span, type Line } from '../render/spans.js';
import { fitPane, titleLine, type ViewContext } from './view.js';

/** The output's lines wrapped to the width; a trailing newline does not make an empty last line. */
export function consoleLines(output: string, width: number): string[] {
  const text = output.endsWith('\n') ? output.slice(0, -1) : output;
  if (text === '') return [];
  return text.split('\n').flatMap((line) => wrapText(expandTabs(line.replace(/\r/g, '')), width));
}

/** Only the end of a long output can be on screen; splitting megabytes every frame would stall a free run. */
const CONSOLE_TAIL = 64 * 1024;

export function consoleView(context: ViewContext, width: number, height: number): Line[] {
  const all = consoleLines(context.session.outputTail(CONSOLE_TAIL), width);
  const visible = height - 1;
  const scroll = Math.min(context.ui.consoleScroll, Math.max(0, all.length - visible));
  const end = all.length - scroll;
  const shown = all.slice(Math.max(0, end - visible), end);
  const title = scroll > 0 ? `Console (${scroll} lines back)` : 'Console  (i: type input)';
  const lines: Line[] = [titleLine(title, width), ...shown.map((text) => [span(text)])];
  if (all.length === 0) lines.push([span('(no output yet)', 'dim')]);
  return fitPane(lines, width, height);
}
