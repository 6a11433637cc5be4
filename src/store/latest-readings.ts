/**
 * The latest quota reading of each window, and of each window and source (the quota view's lines),
 * and Claude Code's latest view of its prompt cache: what the header and the quota view show.
 */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { MonitorSnapshot, QuotaView, QuotaViewSnapshot } from './snapshot.js';

type Window = '5h' | '7d';
type Reading = QuotaReading & { readonly window: Window };

export class LatestReadings {
  private readonly byWindow = new Map<Window, QuotaReading>();
  private readonly byWindowAndSource = new Map<string, Reading>();
  private cache: MonitorSnapshot['claudeCache'];

  note(reading: QuotaReading): void {
    if (reading.window !== '5h' && reading.window !== '7d') return;
    const known = this.byWindow.get(reading.window);
    if (known === undefined || reading.time >= known.time) this.byWindow.set(reading.window, reading);
    if (reading.cache !== undefined && (this.cache === undefined || reading.time >= this.cache.time)) this.cache = { hitRatio: reading.cache.hitRatio, lastMissCause: reading.cache.lastMissCause, time: reading.time };
    const key = `${reading.window}/${reading.source}`;
    const last = this.byWindowAndSource.get(key);
    if (last === undefined || reading.time >= last.time) this.byWindowAndSource.set(key, { ...reading, window: reading.window });
  }

  /** The 5h and 7d windows as last read, by any source. */
  quota(): QuotaView[] {
    return (['5h', '7d'] as const).flatMap((w) => {
      const q = this.byWindow.get(w);
      return q === undefined ? [] : [{ window: w, utilization: q.utilization, status: q.status, resetAt: q.resetAt, source: q.source, time: q.time }];
    });
  }

  /** Each window's latest reading per source, 5h first, sources by name. */
  bySource(): QuotaViewSnapshot['bySource'] {
    return [...this.byWindowAndSource.values()]
      .sort((a, b) => a.window.localeCompare(b.window) || a.source.localeCompare(b.source))
      .map((q) => ({ window: q.window, source: q.source, utilization: q.utilization, resetAt: q.resetAt, time: q.time }));
  }

  get claudeCache(): MonitorSnapshot['claudeCache'] {
    return this.cache;
  }
}
