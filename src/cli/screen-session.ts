/**
 * The terminal while a monitor runs, live or replayed: alternate screen, Ink rendering the store,
 * keys turned into store commands, snapshots, signals, and giving the terminal back on exit.
 * What feeds the store (tailing, or a replay's clock) is the caller's.
 */
import { render } from 'ink';
import { createElement } from 'react';
import type { Anomaly } from '../detect/anomaly.js';
import type { MonitorStore } from '../store/monitor-store.js';
import { App } from '../ui/App.js';
import type { Binding, SessionAction } from '../ui/keymap.js';
import type { CommandIO } from './command-io.js';
import { asciiWrites, wantsAscii } from './ascii-output.js';
import { holdWarnings } from './hold-warnings.js';
import { isHangupError, markTerminalGone, terminalGone } from './terminal-gone.js';
import { openPlainScreen, wantsPlainScreen } from './plain-screen.js';
import { evidenceDir, writeStoreEvidence } from './store-evidence.js';
import { writeSnapshot, type WrittenSnapshot } from './snapshot-writer.js';

/** The terminal the monitor draws on. */
export interface Terminal {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

export interface ScreenOptions {
  readonly store: MonitorStore;
  readonly terminal: Terminal;
  readonly io: CommandIO;
  readonly snapshotDir: string;
  /** Where `e` writes evidence bundles; default tokentop's state dir. */
  readonly evidenceDir?: string | undefined;
  /** The store's clock: the wall clock, or a replay's virtual one. */
  readonly now: () => number;
  /** Session actions the caller handles itself (a replay's speed keys): true when it did; the rest are handled here. */
  readonly onSession?: (action: SessionAction) => boolean;
  /** The price table's date and source, named in an evidence bundle's manifest. */
  readonly prices: { readonly date: string; readonly source: string };
}

export interface ScreenSession {
  /** Resolves on q, ctrl-c, SIGTERM, SIGHUP or SIGINT. */
  readonly quitting: Promise<void>;
  /** Milliseconds from process start to the first frame, once drawn. */
  readonly firstFrameMs: () => number | undefined;
  /** Resolves once the first frame is drawn: the history is read after it, never in front of it. */
  readonly firstFrame: Promise<void>;
  /** Write a snapshot of the screen as shown now (the `s` key does the same). */
  snapshot(): Promise<WrittenSnapshot>;
  /** Write the evidence of new critical anomalies down at once, and say where in the footer. */
  evidenceSnapshot(anomalies: readonly Anomaly[]): void;
  /** Give the terminal back; returns the warnings held while the screen was ours. */
  close(): string[];
  /** What the session wrote: snapshots and evidence bundles, in order (the exit summary lists them). */
  written(): readonly string[];
}

/** The alternate screen, and mouse button reports (SGR) for the wheel: clicks are not used, motion is not asked for. */
const ENTER_SCREEN = '\u001b[?1049h\u001b[H\u001b[?1000h\u001b[?1006h';
const LEAVE_SCREEN = '\u001b[?1006l\u001b[?1000l\u001b[?1049l';
const CLEAR = '\u001b[2J\u001b[3J\u001b[H';
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];

export function openScreen(options: ScreenOptions): ScreenSession {
  if (wantsPlainScreen(options.io.env)) return openPlainScreen(options);
  const { store, terminal, io, now } = options;
  const { stdout, stdin } = terminal;
  const size = (): { cols: number; rows: number } => ({ cols: stdout.columns || 80, rows: Math.max(1, (stdout.rows || 24) - 1) });
  const snapshot = (): Promise<WrittenSnapshot> => writeSnapshot(store.getSnapshot(), size(), options.snapshotDir, io.version);
  const written: string[] = [];
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((done) => (quit = done));
  // A key's action, as its entry in the key table says (ui/keymap.ts).
  const onKey = ({ action }: Binding, anomalyId?: string): void => {
    if ('store' in action) return store.command(action.store, now());
    if (!('session' in action) || options.onSession?.(action.session) === true) return;
    if (action.session === 'quit') quit();
    else if (action.session === 'suspend') suspend();
    else if (action.session === 'evidence' && anomalyId !== undefined) {
      store.setNotice(`writing the evidence of ${anomalyId}…`, now());
      writeStoreEvidence(store, anomalyId, options.evidenceDir ?? evidenceDir(io.env), { version: io.version, prices: options.prices, now: now() }).then(
        (dir) => {
          written.push(`evidence bundle ${dir}`);
          store.setNotice(`evidence: ${homePath(dir, io.env)} (check: tokentop verify DIR)`, now());
        },
        (error: unknown) => store.setNotice(`evidence failed: ${error instanceof Error ? error.message : String(error)}`, now()),
      );
    } else if (action.session === 'snapshot') {
      snapshot().then(
        (w) => {
          written.push(`snapshot ${w.json} (+ .txt)`);
          store.setNotice(`snapshot: ${homePath(w.json, io.env)} (+ .txt)`, now());
        },
        (error: unknown) => store.setNotice(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`, now()),
      );
    }
  };
  // Ctrl-Z: the terminal as it was, then stop; on `fg` the screen comes back as it was left.
  const suspend = (): void => {
    if (process.platform === 'win32') return;
    stdout.write(LEAVE_SCREEN);
    if (stdin.isTTY === true) stdin.setRawMode(false);
    process.once('SIGCONT', () => {
      if (stdin.isTTY === true) stdin.setRawMode(true);
      stdout.write(ENTER_SCREEN + CLEAR);
      // Ink draws the whole frame again on a resize.
      stdout.emit('resize');
    });
    process.kill(process.pid, 'SIGTSTP');
  };
  // Ink redraws on resize; clearing first leaves no trace of the old, wider frame.
  const onResize = (): void => void stdout.write(CLEAR);
  // The pane was closed: SIGHUP, or EIO on the terminal. Quit as on q, writing nothing more to it.
  const hangUp = (): void => {
    markTerminalGone();
    quit();
  };
  const onTerminalError = (error: unknown): void => {
    if (isHangupError(error)) hangUp();
  };
  for (const signal of SIGNALS) process.on(signal, signal === 'SIGHUP' ? hangUp : quit);
  stdout.on('error', onTerminalError);
  stdin.on('error', onTerminalError);
  const releaseWarnings = holdWarnings();
  // A terminal that is not UTF-8 gets ASCII frames (ascii-output.ts), put back on close.
  const restoreWrites = wantsAscii(io.env) ? asciiWrites(stdout) : () => undefined;
  stdout.write(ENTER_SCREEN);
  stdout.on('resize', onResize);
  let firstFrameAt: number | undefined;
  let drawn: () => void = () => undefined;
  const firstFrame = new Promise<void>((resolve) => (drawn = resolve));
  const color = io.env.NO_COLOR === undefined || io.env.NO_COLOR === '';
  const ink = render(createElement(App, { store, color, onKey }), {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 10,
    onRender: () => {
      firstFrameAt ??= performance.now();
      drawn();
    },
  });
  return {
    quitting,
    written: () => written,
    firstFrameMs: () => firstFrameAt,
    firstFrame,
    snapshot,
    evidenceSnapshot: (anomalies) => {
      snapshot().then(
        (w) => {
          written.push(`evidence snapshot ${w.json} (+ .txt; ${anomalies.map((a) => a.kind).join(', ')})`);
          store.setNotice(`${anomalies.map((a) => a.kind).join(', ')}: evidence snapshot ${homePath(w.json, io.env)}`, now());
        },
        (error: unknown) => store.setNotice(`auto-snapshot failed: ${error instanceof Error ? error.message : String(error)}`, now()),
      );
    },
    close: () => {
      for (const signal of SIGNALS) process.off(signal, signal === 'SIGHUP' ? hangUp : quit);
      stdout.off('resize', onResize);
      if (terminalGone()) {
        // Ink's unmount restores the cursor and raw mode: on a terminal that is gone, that is an EIO each.
        stdin.off('error', onTerminalError);
        return releaseWarnings();
      }
      ink.unmount();
      stdout.write(LEAVE_SCREEN);
      restoreWrites();
      stdout.off('error', onTerminalError);
      stdin.off('error', onTerminalError);
      return releaseWarnings();
    },
  };
}

/** A path as the user can type it: under HOME, with `~` for it (the footer has a row for it, not always a wide one). */
export function homePath(path: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME;
  return home !== undefined && home !== '' && home !== '/' && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
