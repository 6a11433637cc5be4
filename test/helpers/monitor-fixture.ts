/** A MonitorStore fed with a few minutes of realistic events, for UI tests. Pure: no files. */
import type { Scope, TranscriptEvent } from '../../src/parse/events.js';
import { BUNDLED_PRICES } from '../../src/pricing/price-table.js';
import { MonitorStore } from '../../src/store/monitor-store.js';

export const NOW = Date.parse('2026-11-21T10:30:00Z');
const scope = (sessionId: string, cwd: string): Scope => ({ sessionId, agentId: undefined, isSidechain: false, project: cwd.replace(/\//g, '-'), cwd });

export function fixtureEvents(): TranscriptEvent[] {
  const events: TranscriptEvent[] = [];
  const origin = { file: 'f', line: 1 };
  for (let i = 0; i < 40; i++) {
    const t = NOW - 4 * 60_000 + i * 6000;
    const s = i % 3 === 0 ? scope('sess-b', '/home/dev/web \u001b[31mapp') : scope('sess-a', '/home/dev/api');
    events.push({ kind: 'usage', key: `m${i}`, time: t, model: 'claude-opus-4-6', usage: { input: 5, output: 200 + i * 10, cacheCreation: 800, cacheRead: 20_000 + i * 500, cacheCreation5m: 800, cacheCreation1h: 0 }, scope: s, origin });
  }
  const a = scope('sess-a', '/home/dev/api');
  events.push({ kind: 'subagent-spawn', toolUseId: 't1', time: NOW - 60_000, subagentType: 'Explore', description: 'Map the \u001b]0;evil\u0007parser', promptHead: '', scope: a, origin });
  events.push({ kind: 'subagent-spawn', toolUseId: 't2', time: NOW - 30_000, subagentType: 'general-purpose', description: 'Write tests', promptHead: '', scope: a, origin });
  return events;
}

/** Ten sub-agents spawned at once in one session: a runaway-subagents warning. */
function runawayEvents(now: number): TranscriptEvent[] {
  const s = scope('sess-a', '/home/dev/api');
  return Array.from({ length: 10 }, (_, i) => ({ kind: 'subagent-spawn' as const, toolUseId: `r${i}`, time: now - 20_000, subagentType: 'general-purpose', description: `Audit part ${i}`, promptHead: '', scope: s, origin: { file: 'f', line: 100 + i } }));
}

export function fixtureStore(now = NOW, options: { quota?: boolean; runaway?: boolean } = {}): MonitorStore {
  const store = new MonitorStore({ prices: BUNDLED_PRICES, startedAt: now - 10 * 60_000, watched: ['/home/dev/.claude'] });
  for (const e of [...fixtureEvents(), ...(options.runaway === true ? runawayEvents(now) : [])]) store.apply(e);
  if (options.quota === true) {
    const reading = (window: '5h' | '7d', utilization: number, resetIn: number) => ({ window, time: now - 12_000, utilization, status: 'allowed', resetAt: now + resetIn, remaining: undefined, limit: undefined, source: 'proxy' as const });
    store.applyProxy({ kind: 'proxy-request', time: now - 12_000, model: 'claude-opus-4-6', status: 200, durationMs: 900, messageId: 'm', usage: { input: 5, output: 300, cacheCreation: 800, cacheRead: 30_000 }, quota: [reading('5h', 0.314, 2 * 3_600_000 + 5 * 60_000), reading('7d', 0.92, 4 * 86_400_000)], origin: { file: 'p', line: 1 } });
  }
  store.setProgress({ files: 12, lines: 0, malformed: 0, backfillDone: true, backfillRead: 0, backfillTotal: 0 });
  store.tick(now);
  return store;
}
