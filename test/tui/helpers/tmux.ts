// Drives a real terminal for the TUI tests: starts a command in a detached tmux session of a given size, sends keys and reads the screen back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True when a tmux binary is on the PATH; tests skip (and say so) without it. */
export const hasTmux: boolean = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

let sessions = 0;

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface TerminalOptions {
  /** TERM inside the pane; xterm-256color unless a test asks for another (tmux's own default is `screen`). */
  readonly term?: string;
  /** More environment for the command, e.g. NO_COLOR or EDITOR. */
  readonly env?: Readonly<Record<string, string>>;
}

/** One tmux server on its own socket (`-L`), so parallel test files never see each other's screens. */
export class TmuxTerminal {
  private closed = false;

  private constructor(private readonly socket: string) {}

  /** Starts `command` (a shell command line) in `cwd`; after it exits the pane shows `[exited N]`. */
  static start(command: string, cwd: string, size: TerminalSize = { columns: 80, rows: 24 }, options: TerminalOptions = {}): TmuxTerminal {
    const socket = `moth-test-${process.pid}-${++sessions}`;
    const terminal = new TmuxTerminal(socket);
    terminal.tmux(
      '-f', '/dev/null', 'new-session', '-d', '-s', 'moth', '-x', String(size.columns), '-y', String(size.rows), '-c', cwd,
      '-e', 'LANG=C.UTF-8', '-e', `TERM=${options.term ?? 'xterm-256color'}`,
      ...Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
      // tmux sets TERM to its own default-terminal whatever -e says, so the command line sets it itself.
      `export TERM='${options.term ?? 'xterm-256color'}'; ${command}; echo "[exited $?]"; sleep 60`,
    );
    return terminal;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Keys in tmux's names: `s`, `Enter`, `BSpace`, `F5`, `S-F11`, `Escape`; literal text with `{ literal: true }`. */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'moth', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'moth', '-l', text);
  }

  resize(size: TerminalSize): void {
    this.tmux('resize-window', '-t', 'moth', '-x', String(size.columns), '-y', String(size.rows));
  }

  /** The screen with its colours as SGR escape sequences (tmux's `capture-pane -e`), to check what is visible. */
  styledScreen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'moth');
  }

  /** The screen as plain text, one line per row (trailing spaces trimmed by tmux). */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'moth');
  }

  /** Polls the screen until `check` holds; returns that screen, or throws with the last screen shown. */
  async waitFor(check: (screen: string) => boolean, what: string, timeoutMilliseconds = 8000): Promise<string> {
    const deadline = Date.now() + timeoutMilliseconds;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (check(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
  }

  async waitForText(text: string, timeoutMilliseconds?: number): Promise<string> {
    return this.waitFor((screen) => screen.includes(text), JSON.stringify(text), timeoutMilliseconds);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone (the command exited and the server with it): nothing to clean up.
    }
  }
}

/** The built command line the tests drive; missing until `npm run build` has run. */
export function builtCliExists(root: string): boolean {
  return existsSync(`${root}/dist/src/cli/main.js`);
}
