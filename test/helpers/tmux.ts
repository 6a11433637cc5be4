/** Drive a program in a real terminal: tmux on a private socket, keys in, the screen read back. */
import { execFileSync } from 'node:child_process';
import { vi } from 'vitest';
import { EMPTY_CONFIG_HOME, EMPTY_STATE_HOME, TEST_CACHE_HOME } from './run-cli.js';

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

  /**
   * Run `command` as a person's shell would: a clean environment (the test runner's own, with its
   * NODE_OPTIONS, once hid a warning that scrolled the real screen), plus `env`.
   */
  start(command: string, cols: number, rows: number, env: Record<string, string> = {}, record?: string): void {
    const clean = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', TERM: 'xterm-256color', XDG_STATE_HOME: EMPTY_STATE_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME, ...env };
    const assignments = Object.entries(clean).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    // With `record`, a short pause lets pipe-pane attach before the program writes its first byte.
    const run = record === undefined ? command : `sleep 0.3; ${command}`;
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(cols), '-y', String(rows), `env -i ${assignments} sh -c ${JSON.stringify(run)}`);
    if (record !== undefined) this.tmux('pipe-pane', '-t', this.session, '-o', `cat >> ${JSON.stringify(record)}`);
  }

  /** The screen as a person sees it, one string per row, trailing blanks removed. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', this.session).replace(/\n$/, '').split('\n');
  }

  /** The screen and what scrolled off above it (what a person scrolls back to): for a summary printed on exit. */
  scrollback(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', this.session).replace(/\n$/, '');
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', this.session, '-x', String(cols), '-y', String(rows));
  }

  /** Poll the screen until `test` holds (or stops throwing); returns it, or throws with the last screen (and `what` was awaited). */
  async waitFor(test: (screen: string) => boolean | void, timeoutMs = 10_000, what?: string): Promise<string> {
    return vi.waitFor(
      () => {
        const text = this.screen().join('\n');
        if (test(text) === false) throw new Error(`screen never matched${what === undefined ? '' : ` (${what})`} within ${timeoutMs} ms:\n${text}`);
        return text;
      },
      { timeout: timeoutMs, interval: 50 },
    );
  }

  /** The pid of the process running `name` (a command line fragment) in the pane. */
  pidOf(name: string): number {
    const pane = this.tmux('display', '-p', '-t', this.session, '#{pane_pid}').trim();
    const all = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
    // The program runs under `sh -c` under env under the pane's shell: search the pane's descendants.
    const children = new Map<string, Array<{ pid: string; args: string }>>();
    for (const line of all) {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) children.set(m[2], [...(children.get(m[2]) ?? []), { pid: m[1], args: m[3] }]);
    }
    const queue = [pane];
    while (queue.length > 0) {
      for (const child of children.get(queue.shift() ?? '') ?? []) {
        if (child.args.includes(name) && child.args.startsWith('node')) return Number(child.pid);
        queue.push(child.pid);
      }
    }
    throw new Error(`no process running ${name} in the pane`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
