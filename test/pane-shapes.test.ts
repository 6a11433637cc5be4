/**
 * Every pane shape a person splits a terminal into, on the demo in a real terminal (tmux) and on the
 * real sample (the screen as rendered): what each shows. Short panes: every metric, moving; tall or
 * wide ones: the tables get the rows that flat charts do not need.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToString } from 'ink';
import { createElement } from 'react';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { MonitorStore } from '../src/store/monitor-store.js';
import { Screen } from '../src/ui/Screen.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';
import { CLI } from './helpers/run-cli.js';
import { hasTmux, Tmux } from './helpers/tmux.js';

const SIZES: ReadonlyArray<readonly [number, number]> = [
  [200, 14],
  [100, 12],
  [80, 8],
  [72, 55],
  [80, 24],
  [120, 40],
  [200, 60],
];
const SHORT = /^(rate|5h|7d|cache|agents) /;

/** The data rows of the sessions table on a screen: under its title and header, to its border. */
function sessionRows(screen: string): number {
  const lines = screen.split('\n');
  const title = lines.findIndex((l) => /Sessions \(\d+\)/.test(l));
  let n = 0;
  for (const line of lines.slice(title + 2)) {
    if (line.startsWith('╰') || /more \(j\/k|above/.test(line)) break;
    if (/\$\d/.test(line)) n += 1;
  }
  return n;
}

describe.skipIf(!hasTmux())('the demo at every pane shape, in tmux', () => {
  const term = new Tmux();
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokentop-panes-'));
    term.start(`node ${CLI} --demo --skip 125 --no-auto-snapshot --snapshot-dir ${dir}; sleep 30`, 120, 40, { XDG_STATE_HOME: dir });
    await term.waitFor((s) => /ANOMALY \(\d+\)/.test(s), 20_000);
  });
  afterAll(async () => {
    term.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SIZES)('%ix%i shows what the shape has room for, every line within the width', async (cols, rows) => {
    term.resize(cols, rows);
    await term.waitFor((s) => {
      const lines = s.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(cols);
      expect(lines[0]).toMatch(/^tokentop · /);
      if (rows < 23) {
        // The lamp, then a line per metric: at 80x8 the lamp, the rate and the quota still.
        expect(lines[1]).toMatch(/^ (OK|WATCH|ANOMALY) /);
        const metrics = lines.filter((l) => SHORT.test(l)).map((l) => l.split(' ')[0]);
        expect(metrics.slice(0, 2)).toEqual(['rate', '5h']);
        if (rows >= 12) expect(new Set(metrics)).toEqual(new Set(['rate', '5h', '7d', 'cache', 'agents']));
        // Moving: each metric line has its sparkline (braille) beside its figure.
        for (const l of lines.filter((x) => /^(rate|cache|agents) /.test(x))) expect(l).toMatch(/[\u2801-\u28ff]/);
        if (rows >= 14) expect(s).toMatch(/^project +session/m);
      } else {
        expect(s).toMatch(/Token rate \/min/);
        expect(s).toMatch(/Sessions \(4\)/);
        // The demo's 4 sessions all shown from 40 rows on.
        if (rows >= 40) expect(sessionRows(s)).toBe(4);
      }
    }, 10_000);
  });
});

describe.skipIf(!hasRealCorpus)('the real sample at every pane shape (its history is months old: the charts are flat)', () => {
  let store: MonitorStore;
  beforeAll(async () => {
    const found = await findTranscripts([REAL_TRANSCRIPTS]);
    const history = await loadHistory(found.files);
    const now = Date.parse('2026-12-04T12:00:00Z');
    store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: now, watched: [REAL_TRANSCRIPTS], historyFrom: 0, keepHistory: true });
    for (const r of history.ledger.usage.values()) store.apply({ kind: 'usage', key: r.key, time: r.time, model: r.model, usage: r, scope: r.scope, origin: { file: 'f', line: 1 } });
    store.setProgress({ files: found.files.length, lines: history.stats.lines, malformed: history.stats.malformed, backfillDone: true, backfillRead: 0, backfillTotal: 0 });
    store.tick(now);
  }, 60_000);

  it.each(SIZES)('%ix%i gives the rows to the sessions', (cols, rows) => {
    const snapshot = store.getSnapshot();
    const lines = renderToString(createElement(Screen, { snapshot, cols, rows: rows - 1, color: false }), { columns: cols }).split('\n');
    expect(lines).toHaveLength(rows - 1);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(cols);
    const text = lines.join('\n');
    const sessions = lines.filter((l) => /\d+(\.\d)?[kM]? +\$\d/.test(l)).length;
    if (rows < 23) {
      expect(lines[1]).toMatch(/^ (OK|WATCH|ANOMALY) /);
      expect(lines.filter((l) => SHORT.test(l)).length).toBeGreaterThanOrEqual(rows >= 12 ? 3 : 2);
    } else {
      // Flat charts are one line; the table shows what the rows allow (at 200x60 it showed 12 of 52 before).
      expect(text).toContain('nothing in the last 5m');
      expect(text).not.toContain('Token rate /min');
      expect(sessions).toBeGreaterThanOrEqual(Math.min(snapshot.sessions.length, rows - 15));
    }
  });
});
