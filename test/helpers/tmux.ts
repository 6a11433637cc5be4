/** Drive a program in a real terminal: tmux on a private socket, keys in, the screen read back. */
import { execFileSync } from 'node:child_process';

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export class Tmux {
  private readonly socket = `tokentop-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'tt';

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(command: string, cols: number, rows: number, env: Record<string, string> = {}): void {
    const exports = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)} `).join('');
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows), `${exports}${command}`);
  }

  /** The screen as a person sees it, one string per row, trailing blanks removed. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', this.session).replace(/\n$/, '').split('\n');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.session, '-x', String(cols), '-y', String(rows));
  }

  /** Poll the screen until `test` holds; returns it, or throws with the last screen. */
  async waitFor(test: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = this.screen().join('\n');
      if (test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`screen never matched within ${timeoutMs} ms:\n${text}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
