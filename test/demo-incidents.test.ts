/**
 * The demo's scripted incidents through the real path at chosen moments, with no real time spent:
 * DemoWriter writes the timeline's files (as the live demo does), the transcript and proxy readers
 * read them, and ReplaySession moves the store's clock to each moment of the script, where the
 * detectors run and the lamp is read. The terminal side is a short tmux smoke in terminal-anomaly.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/detect/thresholds.js';
import { ProxyReader } from '../src/pipeline/read/proxy-reader.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import type { ProxyRequestEvent } from '../src/parse/proxy/proxy-events.js';
import { DemoWriter } from '../src/session/demo-writer.js';
import { readRecording, ReplaySession } from '../src/session/replay-session.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';

const START = Date.parse('2026-11-21T10:00:00Z');
const at = (seconds: number): number => START + seconds * 1000;

const demo = new DemoWriter(1, () => START);
afterAll(() => demo.remove());

async function replay(): Promise<ReplaySession> {
  demo.writeUntil(at(240));
  const events: ProxyRequestEvent[] = [];
  const proxy = new ProxyReader((e) => events.push(e));
  proxy.readToEnd(demo.proxyLog);
  const recording = readRecording((await findTranscripts([demo.configDir])).files, { events, readings: [], sources: proxy.stats, record: undefined });
  return new ReplaySession(recording, { prices: BUNDLED_PRICES, thresholds: DEFAULT_THRESHOLDS, watched: [demo.configDir], from: START, to: undefined, speed: 1, skipIdle: false });
}

describe('the demo script, moment by moment', () => {
  it('goes OK -> WATCH (burst, cascade) -> ANOMALY (lockout, counter drop) -> recovery', async () => {
    const session = await replay();
    const moveTo = (seconds: number): ReturnType<ReplaySession['store']['getSnapshot']> => {
      session.advance(at(seconds) - session.clock);
      return session.store.getSnapshot();
    };
    const kinds = (s: ReturnType<typeof moveTo>): string[] => [...new Set(s.anomalies.filter((a) => a.severity !== 'info').map((a) => a.kind))].sort();

    expect(moveTo(20).lamp.state).toBe('OK');

    const burst = moveTo(40);
    expect(burst.lamp.state).toBe('WATCH');
    expect(kinds(burst)).toEqual(expect.arrayContaining(['runaway-subagents', 'subagent-loop']));
    expect(burst.running.length).toBeGreaterThanOrEqual(10);

    const cascade = moveTo(100);
    expect(kinds(cascade)).toContain('cache-miss-cascade');
    expect(cascade.lamp.state).toBe('WATCH');

    // The usage-limit message at 110 s, while the proxy's own 5h reading says about 30%.
    const lockout = moveTo(120);
    expect(lockout.lamp.state).toBe('ANOMALY');
    expect(lockout.anomalies.find((a) => a.kind === 'premature-lockout')?.message).toMatch(/^rejected at [23]\d% of the 5-hour window \(proxy reading \d+s before\)$/);
    expect(lockout.anomalies.filter((a) => a.kind === 'limit-hit' || a.kind === 'premature-lockout').map((a) => `${a.kind}:${a.severity}`).sort()).toEqual(['limit-hit:info', 'premature-lockout:critical']);
    const drop = moveTo(150);
    expect(drop.lamp.state).toBe('ANOMALY');
    const reset = drop.anomalies.find((a) => a.kind === 'counter-reset');
    expect(reset?.severity).toBe('critical');
    expect(reset?.message).toMatch(/^5h quota counter fell from 3\d% to 0% with \dh\d\dm left before its reset \(proxy\)$/);
    expect(reset?.evidence.filter((e) => e.kind === 'reading')).toHaveLength(2);
    expect(drop.quota.find((q) => q.window === '5h')?.utilization).toBe(0);

    const back = moveTo(200);
    expect(back.anomalies.find((a) => a.kind === 'counter-reset')?.message).toMatch(/; back to 3\d% \d+[sm] later$/);
    expect((back.quota.find((q) => q.window === '5h')?.utilization ?? 0) > 0.3).toBe(true);
  });

  it('an anomaly seen once stays one anomaly as the clock moves on, and the exit summary lists what the lamp showed', async () => {
    const session = await replay();
    for (const seconds of [60, 120, 150, 180, 240]) session.advance(at(seconds) - session.clock);
    const shown = session.store.getSnapshot().anomalies.filter((a) => a.severity !== 'info');
    expect(shown.filter((a) => a.kind === 'counter-reset')).toHaveLength(1);
    const summary = session.summary('test', at(240));
    expect(summary.anomalies.filter((a) => a.severity !== 'info').map((a) => a.id).sort()).toEqual(shown.map((a) => a.id).sort());
  });
});
