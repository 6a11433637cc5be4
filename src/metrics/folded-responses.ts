/**
 * What the live ledger keeps of the responses it no longer holds one by one. A monitor left open
 * for days would otherwise hold every response since it started (~330 bytes each): past a cap, the
 * oldest are folded into one record per minute, thread, model and price tier, which keeps every
 * total, session and model row of the exit summary, the per-minute sums the burn-spike and lockout
 * detectors read, and the keys (8 bytes each, see key-hash-set.ts) so that a late copy of a folded
 * response (a resumed session) still counts once. What is lost is the single response: its line
 * for an anomaly's evidence. The monitor keeps the anomalies found before the fold (store).
 */
import { promptOverTier } from '../pricing/cost.js';
import { KeyHashSet } from './key-hash-set.js';
import { scopeKey } from './scope-key.js';
import { HOUR_MS, MINUTE_MS } from './token-math.js';
import type { ResponseRecord } from './usage-ledger.js';

/**
 * Keys of folded responses kept at most (11-21 MiB): ~50 minutes of the soak bench's 333 new
 * responses a second, years of a person's use. Past it the oldest hour's keys go, and a copy of one
 * of those responses would count again.
 */
const MAX_FOLDED_KEYS = 1_000_000;

export class FoldedResponses {
  private readonly groups = new Map<string, ResponseRecord>();
  /** By the hour of the response's time, so that old hours can be dropped whole. */
  private readonly keys = new Map<number, KeyHashSet>();
  private keyCount = 0;
  /** The latest time of a response folded (-Infinity before the first fold). */
  upTo = -Infinity;

  get size(): number {
    return this.groups.size;
  }

  get keysHeld(): number {
    return this.keyCount;
  }

  values(): IterableIterator<ResponseRecord> {
    return this.groups.values();
  }

  hasKey(key: string): boolean {
    if (this.keyCount === 0) return false;
    for (const set of this.keys.values()) if (set.has(key)) return true;
    return false;
  }

  /** Fold one response (never a folded record) in. */
  add(r: ResponseRecord): void {
    this.addKey(r.key, r.time);
    const minute = Math.floor(r.time / MINUTE_MS);
    const over = promptOverTier(r);
    const id = `${minute}\u0000${scopeKey(r.scope)}\u0000${r.model}\u0000${over ? 1 : 0}`;
    let group = this.groups.get(id);
    if (group === undefined) {
      group = {
        key: `folded:${new Date(minute * MINUTE_MS).toISOString()}:${r.scope.sessionId}:${r.model}`,
        time: r.time,
        model: r.model,
        input: 0,
        output: 0,
        cacheCreation: 0,
        cacheRead: 0,
        cacheCreation5m: 0,
        cacheCreation1h: 0,
        scope: r.scope,
        origin: r.origin,
        copies: 0,
        promptOverTier: over,
        folded: { responses: 0, lastTime: r.time },
      };
      this.groups.set(id, group);
    }
    group.input += r.input;
    group.output += r.output;
    group.cacheCreation += r.cacheCreation;
    group.cacheRead += r.cacheRead;
    group.cacheCreation5m += r.cacheCreation5m;
    group.cacheCreation1h += r.cacheCreation1h;
    group.copies += r.copies;
    const folded = group.folded as { responses: number; lastTime: number };
    folded.responses += 1;
    folded.lastTime = Math.max(folded.lastTime, r.time);
    if (r.time < group.time) {
      group.time = r.time;
      group.origin = r.origin;
    }
    this.upTo = Math.max(this.upTo, r.time);
  }

  /** Forget groups whose every response is older than `time`, and the keys of hours before it. */
  pruneBefore(time: number): void {
    for (const [id, group] of this.groups) if ((group.folded?.lastTime ?? group.time) < time) this.groups.delete(id);
    for (const [hour, set] of this.keys) {
      if ((hour + 1) * HOUR_MS > time) continue;
      this.keys.delete(hour);
      this.keyCount -= set.size;
    }
  }

  private addKey(key: string, time: number): void {
    const hour = Math.floor(time / HOUR_MS);
    let set = this.keys.get(hour);
    if (set === undefined) this.keys.set(hour, (set = new KeyHashSet()));
    if (set.add(key)) this.keyCount += 1;
    while (this.keyCount > MAX_FOLDED_KEYS && this.keys.size > 1) {
      const oldest = Math.min(...this.keys.keys());
      this.keyCount -= this.keys.get(oldest)?.size ?? 0;
      this.keys.delete(oldest);
    }
  }
}
