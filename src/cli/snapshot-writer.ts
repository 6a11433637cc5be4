/**
 * `s`: the monitor's state to two files beside each other: tokentop-snapshot-<time>.json (the chart
 * series, sessions, sub-agents, anomalies) and .txt (the screen as shown, without colour).
 * Transcripts carry no credentials; the proxy source strips them at parse time before they get here.
 */
import { jsonText } from '../report/json-text.js';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderToString } from 'ink';
import { createElement } from 'react';
import type { MonitorSnapshot } from '../store/monitor-store.js';
import { projectView } from '../ui/project-view.js';
import { Screen } from '../ui/Screen.js';

const SGR = /\u001b\[[0-9;]*m/g;

export interface WrittenSnapshot {
  readonly json: string;
  readonly txt: string;
}

export async function writeSnapshot(snapshot: MonitorSnapshot, size: { cols: number; rows: number }, dir: string, version: string): Promise<WrittenSnapshot> {
  const stem = uniqueStem(dir, stamp(snapshot.now));
  const json = `${stem}.json`;
  const txt = `${stem}.txt`;
  // Plain text: Ink still writes bold and dim codes without colour, and a .txt should hold none.
  const screen = renderToString(createElement(Screen, { snapshot, cols: size.cols, rows: size.rows, color: false }), { columns: size.cols }).replace(SGR, '');
  // The window at its own resolution, whatever the terminal's width.
  const series = projectView(snapshot.view, snapshot.view.activeSubagents.length);
  const body = {
    tool: 'tokentop',
    version,
    takenAt: new Date(snapshot.now).toISOString(),
    paused: snapshot.paused,
    window: snapshot.window,
    focus: snapshot.focus?.id ?? null,
    series: {
      from: new Date(snapshot.view.from).toISOString(),
      to: new Date(snapshot.view.to).toISOString(),
      slices: series.activeSubagents.length,
      sliceSeconds: snapshot.view.sliceMs / 1000,
      tokensPerMinute: series.rate,
      currentTokensPerMinute: snapshot.view.currentRate,
      cacheHitRatio: series.cacheRatio,
      windowCacheHitRatio: snapshot.view.windowCacheRatio,
      activeSubagents: series.activeSubagents,
    },
    sessions: snapshot.sessions.map((s) => ({ ...s, lastActivity: new Date(s.lastActivity).toISOString() })),
    runningSubagents: snapshot.running,
    anomalies: snapshot.anomalies,
    quota: snapshot.quota.map((q) => ({ ...q, time: new Date(q.time).toISOString(), resetAt: q.resetAt === undefined ? null : new Date(q.resetAt).toISOString() })),
    proxyTokensPerMinute: snapshot.proxyRate ?? null,
    sources: snapshot.sources,
  };
  await writeFile(json, `${jsonText(body)}\n`, { flag: 'wx' });
  await writeFile(txt, `${screen}\n`, { flag: 'wx' });
  return { json, txt };
}

/** `20261121-103000` in UTC. */
function stamp(time: number): string {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Two snapshots in one second get -2, -3, …: a snapshot never overwrites another. */
function uniqueStem(dir: string, time: string): string {
  for (let n = 1; ; n++) {
    const stem = join(dir, `tokentop-snapshot-${time}${n === 1 ? '' : `-${n}`}`);
    if (!existsSync(`${stem}.json`) && !existsSync(`${stem}.txt`)) return stem;
  }
}
