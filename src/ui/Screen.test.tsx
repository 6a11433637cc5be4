import { renderToString } from 'ink';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fixtureStore, NOW } from '../../test/helpers/monitor-fixture.js';
import { Screen } from './Screen.js';
import { helpLines } from './components/HelpOverlay.js';

function frame(cols: number, rows: number, options: { color?: boolean; showHelp?: boolean; quota?: boolean; runaway?: boolean } = {}): string {
  const store = fixtureStore(NOW, { quota: options.quota ?? false, runaway: options.runaway ?? false });
  // renderToString at the real width: ink-testing-library's fake terminal is 100 columns wide.
  return renderToString(<Screen snapshot={store.getSnapshot()} cols={cols} rows={rows} color={options.color ?? false} help={options.showHelp === true ? 0 : undefined} />, { columns: cols });
}

/** A store whose sessions have wide titles and paths (CJK, emoji), as real transcripts do. */
function wideStore() {
  const store = fixtureStore(NOW);
  const scope = (sessionId: string, cwd: string) => ({ sessionId, agentId: undefined, isSidechain: false, project: '-x', cwd });
  const origin = { file: 'f', line: 1 };
  store.apply({ kind: 'usage', key: 'w1', time: NOW - 30_000, model: 'claude-opus-4-6', usage: { input: 5, output: 900, cacheCreation: 0, cacheRead: 9000, cacheCreation5m: 0, cacheCreation1h: 0 }, scope: scope('s-cjk', '/home/開発者/プロジェクト/ウェブアプリ'), origin });
  store.apply({ kind: 'title', time: undefined, title: 'SNMP GET 改用 AgentX 路徑優化 🚀🚀', source: 'ai', scope: scope('s-cjk', '/x'), origin });
  store.apply({ kind: 'usage', key: 'w2', time: NOW - 20_000, model: 'claude-opus-4-6', usage: { input: 5, output: 700, cacheCreation: 0, cacheRead: 9000, cacheCreation5m: 0, cacheCreation1h: 0 }, scope: scope('s-emoji', '/srv/📦-packages/🔥hot'), origin });
  store.tick(NOW + 1);
  return store;
}

describe('Screen', () => {
  it.each([
    [80, 23],
    [72, 54],
    [80, 59],
    [100, 29],
    [120, 39],
    [200, 59],
  ])('with CJK and emoji titles and paths, every row of %ix%i is exactly as wide as the terminal', (cols, rows) => {
    const snapshot = wideStore().getSnapshot();
    const lines = renderToString(<Screen snapshot={snapshot} cols={cols} rows={rows} color={false} />, { columns: cols }).split('\n');
    expect(lines).toHaveLength(rows);
    for (const line of lines.slice(1, -1)) expect(stringWidth(line), line).toBe(cols);
    if (cols >= 100) expect(lines.join('\n'), lines.join('\n')).toMatch(/s-cjk SNMP/);
  });

  // A terminal of R rows gives the screen R - 1 (see layout.ts): these are 80x24, 120x40, 200x60.
  it.each([
    [80, 23],
    [120, 39],
    [200, 59],
  ])('fills %ix%i exactly, with every panel', (cols, rows) => {
    const lines = frame(cols, rows).split('\n');
    expect(lines).toHaveLength(rows);
    // Every row is exactly as wide as the terminal, right border included: nothing wraps or shifts.
    for (const line of lines.slice(1, -1)) expect(line.length).toBe(cols);
    const text = lines.join('\n');
    for (const part of ['LIVE', 'Token rate /min', 'Cache hit', 'Active sub-agents', 'Sessions (2)', 'Running sub-agents (2)', 'anomalies', 'p pause', 'q quit']) expect(text).toContain(part);
  });

  it('fits the help, every key and its title, into 120x40; at 80x24 and 72 columns it wraps and scrolls, never cuts', () => {
    const keys = ['p, space', 'tab', 'o ', 'j, down, wheel-down', 'pagedown', 'home', '?, f1', 'ctrl-z', 'q, f10, ctrl-c', 'escape', 'enter'];
    const big = frame(120, 39, { showHelp: true });
    expect(big.split('\n')).toHaveLength(39);
    expect(big).toMatch(/║ *tokentop keys/);
    for (const key of [...keys, 'Press ? or Esc to close']) expect(big, `120x39: ${key}`).toContain(key);
    for (const [cols, rows] of [[80, 23], [72, 54]] as const) {
      const all = helpLines('live', cols - 6);
      expect(all.every((l) => !l.includes('…')), `${cols}: a help line was cut`).toBe(true);
      for (const key of keys) expect(all.some((l) => l.includes(key)), `${cols}: ${key}`).toBe(true);
      const text = frame(cols, rows, { showHelp: true });
      expect(text.split('\n')).toHaveLength(rows);
      expect(text).toMatch(/║ *tokentop keys/);
    }
    expect(frame(80, 23, { showHelp: true })).toMatch(/\d+ more lines: j\/k scroll/);
  });

  it('draws braille charts with current and peak values', () => {
    const text = frame(120, 40);
    expect(text).toMatch(/[\u2801-\u28ff]/);
    expect(text).toMatch(/last 60 s \S+ · busiest minute \S+/);
    expect(text).toContain('now 2  peak 2');
  });

  it('strips control sequences from transcript text and, without colour, writes no escapes at all', () => {
    const text = frame(200, 60);
    expect(text).toContain('/home/dev/web app');
    expect(text).toContain('Map the parser');
    expect(text).not.toMatch(/\u001b/);
  });

  it('gives a short pane a line per metric with its sparkline, the lamp first, then the sessions that fit', () => {
    expect(frame(80, 22)).not.toContain('Token rate /min');
    const text = frame(70, 20);
    const lines = text.split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[1]).toMatch(/^ (OK|WATCH|ANOMALY) /);
    for (const metric of [/^rate +\S+\/min · busiest \S+ +[\u2800-\u28ff]+/, /^cache +\S+ hit +[\u2800-\u28ff ]+/, /^agents +2 running · top \d+ +[\u2800-\u28ff]+/]) expect(lines.some((l) => metric.test(l)), String(metric)).toBe(true);
    expect(text).toMatch(/^project +session/m);
    expect(text).not.toContain('Token rate /min');
    // 80x8: the lamp, the rate and the quota still.
    const tiny = frame(80, 7, { quota: true }).split('\n');
    expect(tiny[1]).toMatch(/^ (OK|WATCH|ANOMALY) /);
    expect(tiny[2]).toMatch(/^rate /);
    expect(tiny[3]).toMatch(/^5h +31% · resets 2h05m/);
  });

  it('shows the quota: a bar per window with status, reset countdown and source; in short on 80x24', () => {
    const big = frame(120, 39, { quota: true });
    expect(big).toMatch(/5h +█+░+ +31% {2}allowed {2}resets in 2h05m {2}\(proxy, 12s ago\)/);
    expect(big).toMatch(/7d +█+░* +92% /);
    expect(big).toMatch(/last 60 s \S+ \(proxy \S+\)/);
    expect(frame(80, 23, { quota: true })).toMatch(/Quota 5h 31% ↻2h05m · 7d 92% ↻4d/);
    expect(frame(70, 20, { quota: true })).toMatch(/^5h +31% · resets 2h05m/m);
    expect(frame(70, 20, { quota: true })).toMatch(/^7d +92% · resets 4d/m);
  });

  it('on 80x24 drops whole table columns rather than cutting each, and keeps the figures of a title whole', () => {
    const text = frame(80, 23);
    expect(text).toMatch(/│ project +tokens +cost │/);
    expect(text).toMatch(/│ \/home\/dev\/web app +\S+ +\$\S+ │/);
    expect(text).toMatch(/│ task +for +tokens │/);
    expect(text).toMatch(/│ Map the parser +1m +0 │/);
    expect(text).toMatch(/Cache hit r… now \S+%  window \S+% │/);
    // Wide enough, every column is back, the type in full.
    const wide = frame(200, 59);
    expect(wide).toMatch(/type +task +session +for +tokens/);
    expect(wide).toContain('general-purpose ');
  });

  it('on 80x24 names the newest anomaly in its one row, the 5h quota beside the lamp', () => {
    const text = frame(80, 23, { quota: true, runaway: true });
    expect(text).toMatch(/│ runaway-subagents: \d+ sub-agents .* 5h 31% · WATCH \(\d\) │/);
    expect(frame(120, 39, { quota: true, runaway: true })).toMatch(/● WATCH .* runaway-subagents: /);
  });

  it('lists every key in the help overlay', () => {
    const text = frame(100, 40, { showHelp: true });
    for (const key of ['p, space', 's', 'w', 'tab', '?', 'q, f10, ctrl-c']) expect(text).toContain(key);
  });

  it.each([
    [80, 23],
    [100, 29],
    [120, 39],
    [200, 59],
  ])('always shows the quota, both windows, beside what lights the lamp, at %ix%i', (cols, rows) => {
    const text = frame(cols, rows, { quota: true, runaway: true });
    expect(text).toMatch(/WATCH \(\d+\)/);
    expect(text).toMatch(/5h[ █░]*31%/);
    if (cols > 80) expect(text).toMatch(/7d[ █░]*92%/);
    expect(text).toContain('runaway-subagents');
  });
});
