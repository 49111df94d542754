/**
 * The debugger's blessed screen: one box per pane placed by layout.ts, the separators between them, the
 * "too small" notice and the overlay on top; paints each visible pane from its view, skipping unchanged ones.
 */
import blessed from 'blessed';
import type { OverlayKind } from './app-host.js';
import { computeLayout, type Layout, type LayoutOptions, type PaneName, type Rect } from './layout.js';
import { escapeTags, span, toTags, type Line } from './render/spans.js';
import { themeFor, type Theme } from './render/theme.js';
import { keepPaletteTrueColours } from './render/true-colour.js';
import { busView } from './views/bus.js';
import { consoleView } from './views/console.js';
import { disassemblyView } from './views/disassembly.js';
import { displayView } from './views/display.js';
import { lcdView } from './views/lcd.js';
import { memoryView } from './views/memory.js';
import { notesView } from './views/notes.js';
import { registersView } from './views/registers.js';
import { sourceView } from './views/source.js';
import { stackView } from './views/stack.js';
import { explainView } from './views/status.js';
import { fitPane, type PaneView, type ViewContext } from './views/view.js';
import { watchesView } from './views/watches.js';

const VIEWS: Readonly<Record<Exclude<PaneName, 'status'>, PaneView>> = {
  source: sourceView,
  disassembly: disassemblyView,
  registers: registersView,
  stack: stackView,
  memory: memoryView,
  bus: busView,
  console: consoleView,
  display: displayView,
  lcd: lcdView,
  watches: watchesView,
  notes: notesView,
  explain: explainView,
};

const PANE_NAMES: readonly PaneName[] = [
  'source', 'disassembly', 'registers', 'stack', 'memory', 'bus', 'console', 'lcd', 'watches', 'notes', 'explain', 'status', 'display',
];

export type Overlay = { readonly kind: OverlayKind; readonly box: blessed.Widgets.BoxElement };

export interface ScreenOptions {
  readonly title: string;
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** What the mouse does over a pane; the screen only reports it. */
export interface PaneMouse {
  scroll(name: PaneName, delta: number): void;
  click(name: PaneName, data: blessed.Widgets.Events.IMouseEventArg): void;
}

export class PaneScreen {
  readonly terminal: blessed.Widgets.Screen;
  private readonly theme: Theme;
  private readonly boxes = new Map<PaneName, blessed.Widgets.BoxElement>();
  private readonly drawn = new Map<PaneName, string>();
  private separators: blessed.Widgets.BoxElement[] = [];
  private tooSmallBox: blessed.Widgets.BoxElement | undefined;
  private currentLayout: Layout | undefined;
  private currentOverlay: Overlay | undefined;

  constructor(options: ScreenOptions, mouse: PaneMouse) {
    this.terminal = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      // Every terminal moth targets speaks UTF-8; without this blessed guesses from LANG and may print `?`.
      forceUnicode: true,
      autoPadding: false,
      warnings: false,
      title: options.title,
      input: options.input as never, // blessed's typings want its own stream type; any Node stream works
      output: options.output as never,
      terminal: undefined,
    });
    const tput = (this.terminal.program as unknown as { tput: { brokenACS: boolean; colors: number } }).tput;
    // Line-drawing characters go out as UTF-8 too: blessed's alternate-charset path shows `x` and `q` in tmux.
    tput.brokenACS = true;
    this.theme = themeFor(options.env, tput.colors);
    if (this.theme.depth === 'true') keepPaletteTrueColours(this.terminal);
    for (const name of PANE_NAMES) {
      const box = blessed.box({ parent: this.terminal, tags: true, wrap: false, hidden: true });
      box.enableMouse();
      box.on('wheeldown', () => mouse.scroll(name, 3));
      box.on('wheelup', () => mouse.scroll(name, -3));
      box.on('mousedown', (data: blessed.Widgets.Events.IMouseEventArg) => mouse.click(name, data));
      this.boxes.set(name, box);
    }
  }

  /** The panes as laid out now; undefined before the first relayout. */
  get layout(): Layout | undefined {
    return this.currentLayout;
  }

  get overlay(): Overlay | undefined {
    return this.currentOverlay;
  }

  get rows(): number {
    return this.terminal.height as number;
  }

  paneSize(name: PaneName, dimension: 'width' | 'height', fallback: number): number {
    return this.currentLayout?.panes[name]?.[dimension] ?? fallback;
  }

  /** Forget what is on the terminal and paint everything again. */
  repaint(): void {
    this.drawn.clear();
    this.terminal.realloc();
  }

  showOverlay(kind: OverlayKind, title: string, lines: readonly string[]): void {
    this.closeOverlay();
    const columns = this.terminal.width as number;
    const rows = this.terminal.height as number;
    const width = Math.min(columns - 2, Math.max(title.length + 4, ...lines.map((line) => line.length + 4)));
    const height = Math.min(rows - 2, lines.length + 2);
    if (lines.length + 2 > height) title += ' (Up/Down scroll)';
    const box = blessed.box({
      parent: this.terminal,
      top: 'center',
      left: 'center',
      width,
      height,
      border: { type: 'line' },
      label: ` ${escapeTags(title)} `,
      tags: true,
      content: lines.map((line) => escapeTags(line)).join('\n'),
      scrollable: true,
      alwaysScroll: true,
      style: this.theme.overlay,
    });
    box.setFront();
    this.currentOverlay = { kind, box };
  }

  closeOverlay(): void {
    if (this.currentOverlay === undefined) return;
    this.currentOverlay.box.destroy();
    this.currentOverlay = undefined;
    this.drawn.clear(); // what was under the overlay must be drawn again
  }

  /** Lays the panes out for the terminal's size and the panes asked for. */
  relayout(panes: LayoutOptions): void {
    const columns = this.terminal.width as number;
    const rows = this.terminal.height as number;
    const layout = computeLayout(columns, rows, panes);
    this.currentLayout = layout;
    for (const separator of this.separators) separator.destroy();
    this.separators = [];
    this.tooSmallBox?.destroy();
    this.tooSmallBox = undefined;
    this.drawn.clear();
    for (const name of PANE_NAMES) {
      const box = this.boxes.get(name)!;
      const rect = layout.panes[name];
      if (rect === undefined) {
        box.hide();
        continue;
      }
      place(box, rect);
      box.show();
    }
    for (const rect of layout.separators) {
      this.separators.push(blessed.box({ parent: this.terminal, ...rect, tags: true, content: Array(rect.height).fill(toTags([span('│', 'dim')], this.theme)).join('\n') }));
    }
    if (layout.tooSmall) {
      this.tooSmallBox = blessed.box({
        parent: this.terminal, top: 0, left: 0, width: columns, height: rows,
        content: `moth needs at least 80×24 (this is ${columns}×${rows}); q quits`,
      });
    }
    this.currentOverlay?.box.setFront();
  }

  /**
   * Renders every visible pane (the status line from `statusLines`); blessed only writes the cells that changed,
   * and unchanged panes are skipped.
   */
  paint(context: ViewContext, statusLines: (rect: Rect) => Line[]): void {
    const layout = this.currentLayout;
    if (layout === undefined) return;
    if (!layout.tooSmall) {
      for (const name of PANE_NAMES) {
        const rect = layout.panes[name];
        if (rect === undefined) continue;
        let lines: Line[];
        try {
          lines = name === 'status' ? statusLines(rect) : VIEWS[name](context, rect.width, rect.height);
        } catch (error) {
          lines = fitPane([[span(`(${error instanceof Error ? error.message : String(error)})`, 'error')]], rect.width, rect.height);
        }
        const markup = lines.map((line) => toTags(line, this.theme)).join('\n');
        if (this.drawn.get(name) !== markup) {
          this.boxes.get(name)!.setContent(markup);
          this.drawn.set(name, markup);
        }
      }
    }
    this.terminal.render();
  }

  destroy(): void {
    this.terminal.destroy();
  }
}

function place(box: blessed.Widgets.BoxElement, rect: Rect): void {
  box.left = rect.left;
  box.top = rect.top;
  box.width = rect.width;
  box.height = rect.height;
}
