/**
 * The monitor where the terminal cannot redraw (TERM=dumb): no alternate screen and no cursor
 * movement, only lines appended: the figures every PLAIN_EVERY_MS when they changed (and once a
 * minute anyway), and each anomaly when it lights the lamp. The keys that make sense without a
 * screen work: q, p, s, w, tab, c. Same contract as the full screen (ScreenSession).
 */
import { bindingFor } from '../ui/keymap.js';
import { keyNames } from '../ui/key-names.js';
import { plainAnomaly, plainStatus } from '../ui/plain-status.js';
import type { ScreenOptions, ScreenSession } from './screen-session.js';
import { holdWarnings } from './hold-warnings.js';
import { writeSnapshot, type WrittenSnapshot } from './snapshot-writer.js';

const PLAIN_EVERY_MS = 10_000;
const PLAIN_AT_LEAST_MS = 60_000;
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];

export function openPlainScreen(options: ScreenOptions): ScreenSession {
  const { store, terminal, io, now } = options;
  const { stdout, stdin } = terminal;
  const size = { cols: stdout.columns || 80, rows: Math.max(1, (stdout.rows || 24) - 1) };
  const snapshot = (): Promise<WrittenSnapshot> => writeSnapshot(store.getSnapshot(), size, options.snapshotDir, io.version);
  const say = (line: string): void => void stdout.write(`${line}\n`);
  let quit: () => void = () => undefined;
  const quitting = new Promise<void>((done) => (quit = done));
  const printed = new Set<string>();
  let lastStatus = '';
  let lastAt = -Infinity;
  const report = (force: boolean): void => {
    const s = store.getSnapshot();
    // Nothing until the history is in: half-read figures would be a first line that says the wrong thing.
    if (!s.backfill.done) return;
    for (const a of s.anomalies) {
      // What lights the lamp: warn and critical (an info, a limit reached, is in the summary).
      if (a.severity === 'info' || s.lamp.standing.get(a.id) !== 'lit' || printed.has(a.id)) continue;
      printed.add(a.id);
      say(plainAnomaly(a));
    }
    const status = plainStatus(s);
    // The clock leads the line: compare what follows it.
    const figures = status.slice(status.indexOf(' '));
    if (force || figures !== lastStatus || Date.now() - lastAt >= PLAIN_AT_LEAST_MS) {
      say(status);
      lastStatus = figures;
      lastAt = Date.now();
    }
  };
  const timer = setInterval(() => report(false), PLAIN_EVERY_MS);
  const onKeys = (data: Buffer | string): void => {
    for (const name of keyNames(String(data))) {
      const action = bindingFor(name)?.action;
      if (action === undefined) continue;
      if ('session' in action && action.session === 'quit') quit();
      else if ('session' in action && action.session === 'snapshot')
        void snapshot().then(
          (w) => {
            written.push(`snapshot ${w.json} (+ .txt)`);
            say(`snapshot: ${w.json} (+ .txt)`);
          },
          (error: unknown) => say(`snapshot failed: ${String(error)}`),
        );
      // The views (quota, models) have no plain form: their keys change nothing here.
      else if ('store' in action && action.store !== 'quota' && action.store !== 'models') {
        store.command(action.store, now());
        report(true);
      }
    }
  };
  // As on the full screen: a library's warning (a deprecated Buffer()) would land between the lines.
  const releaseWarnings = holdWarnings();
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  stdin.on('data', onKeys);
  stdin.resume();
  for (const signal of SIGNALS) process.on(signal, quit);
  say(`tokentop: plain output (TERM=${io.env.TERM ?? ''}): a line every ${PLAIN_EVERY_MS / 1000} s when the figures change; q quits, p pauses, s writes a snapshot`);
  // The first status line once the history is loaded (the store says so when it publishes).
  let first = true;
  const unsubscribe = store.subscribe(() => {
    if (!first || !store.getSnapshot().backfill.done) return;
    first = false;
    report(true);
  });
  queueMicrotask(() => {
    if (first && store.getSnapshot().backfill.done) {
      first = false;
      report(true);
    }
  });
  const written: string[] = [];
  return {
    quitting,
    written: () => written,
    firstFrameMs: () => undefined,
    firstFrame: Promise.resolve(),
    snapshot,
    evidenceSnapshot: (anomalies) => {
      snapshot().then(
        (w) => {
          written.push(`evidence snapshot ${w.json} (+ .txt; ${anomalies.map((a) => a.kind).join(', ')})`);
          say(`${anomalies.map((a) => a.kind).join(', ')}: evidence snapshot ${w.json}`);
        },
        (error: unknown) => say(`auto-snapshot failed: ${String(error)}`),
      );
    },
    close: () => {
      unsubscribe();
      clearInterval(timer);
      for (const signal of SIGNALS) process.off(signal, quit);
      stdin.off('data', onKeys);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      return releaseWarnings();
    },
  };
}

/** TERM=dumb: a terminal that cannot move its cursor gets plain lines. */
export function wantsPlainScreen(env: NodeJS.ProcessEnv): boolean {
  return env.TERM === 'dumb';
}
