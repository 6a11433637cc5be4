/**
 * What a watch saw from its start, kept as it goes: tokens per clock minute, the cache's reads and
 * what they were read against, sub-agents spawned and the most at once. The live metrics' rings
 * hold the last hours only: after a long replay (13 months of the real sample) the exit summary's
 * peak came from the last 7 hours and its spawns were 0 where the report counted 54. Bounded: minutes
 * older than the prune horizon fold into one peak. Copies a resumed session carried over (3+
 * responses on one millisecond of one file, as the detectors have it) are left out: their time is
 * the resume's, and the real sample's two busiest "minutes" (5.7M and 4.6M tokens) were 65 and 55
 * of them. Pure.
 */
import type { TokenUsage } from '../parse/events.js';
import { COPIED_STAMP_EVENTS } from './copied-stamp.js';
import { MINUTE_MS } from './token-math.js';
import type { WatchStats } from './watch-stats.js';

/** Responses on one millisecond of one file that make them copies of a resumed session (the detectors' number). */
const COPIES = COPIED_STAMP_EVENTS;

export interface WatchFigures {
  readonly peakTokensPerMinute: number;
  /** Token-weighted: cache read / (input + cache write + cache read); null with none. */
  readonly meanCacheHitRatio: number | null;
  readonly subagentsSpawned: number;
  readonly peakConcurrentSubagents: number;
}

export class WatchTally {
  private readonly minutes = new Map<number, number>();
  /** Responses per file and millisecond, with what they added: the third makes them all copies. */
  private readonly stamps = new Map<string, { keys: Set<string>; tokens: number; read: number; against: number }>();
  /** The peak of minutes already folded. */
  private foldedPeak = 0;
  private cacheRead = 0;
  private readAgainst = 0;
  private spawned = 0;
  private peakAgents = 0;

  /** @param from the watch's start: what came before it is not the watch's. */
  constructor(private readonly from: number) {}

  /** Response `key`'s new tokens at `time`, read from `file`. */
  addTokens(time: number, delta: Pick<TokenUsage, 'input' | 'output' | 'cacheCreation' | 'cacheRead'>, file = '', key = ''): void {
    if (time < this.from) return;
    const minute = Math.floor(time / MINUTE_MS);
    const tokens = delta.input + delta.output + delta.cacheCreation + delta.cacheRead;
    const against = delta.input + delta.cacheCreation + delta.cacheRead;
    const at = `${file}\u0000${time}`;
    const stamp = this.stamps.get(at) ?? { keys: new Set<string>(), tokens: 0, read: 0, against: 0 };
    this.stamps.set(at, stamp);
    const known = stamp.keys.size;
    stamp.keys.add(key);
    // Already copies: nothing of theirs counts.
    if (known >= COPIES) return;
    if (stamp.keys.size === COPIES) {
      // The third on one millisecond: these are copies; what the first two added is taken back.
      this.minutes.set(minute, (this.minutes.get(minute) ?? 0) - stamp.tokens);
      this.cacheRead -= stamp.read;
      this.readAgainst -= stamp.against;
      return;
    }
    stamp.tokens += tokens;
    stamp.read += delta.cacheRead;
    stamp.against += against;
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + tokens);
    this.cacheRead += delta.cacheRead;
    this.readAgainst += against;
  }

  /** A sub-agent spawned at `time` (each once), with `running` sub-agents active then. */
  addSpawn(time: number, running: number): void {
    if (time < this.from) return;
    this.spawned += 1;
    this.peakAgents = Math.max(this.peakAgents, running);
  }

  /** Fold the minutes before `time` into one peak (a later copy of their tokens starts the minute anew). */
  pruneBefore(time: number): void {
    for (const key of this.stamps.keys()) if (Number(key.slice(key.indexOf('\u0000') + 1)) < time) this.stamps.delete(key);
    const before = Math.floor(time / MINUTE_MS);
    for (const [minute, tokens] of this.minutes) {
      if (minute >= before) continue;
      this.foldedPeak = Math.max(this.foldedPeak, tokens);
      this.minutes.delete(minute);
    }
  }

  figures(): WatchFigures {
    return {
      peakTokensPerMinute: Math.max(this.foldedPeak, ...this.minutes.values()),
      meanCacheHitRatio: this.readAgainst > 0 ? this.cacheRead / this.readAgainst : null,
      subagentsSpawned: this.spawned,
      peakConcurrentSubagents: this.peakAgents,
    };
  }

  /** The live rings' figures of the watch (the last hours) with the tally's (all of it): the larger of each. */
  over(recent: WatchStats): WatchStats {
    const whole = this.figures();
    return {
      ...recent,
      peakTokensPerMinute: Math.max(recent.peakTokensPerMinute, whole.peakTokensPerMinute),
      meanCacheHitRatio: whole.meanCacheHitRatio ?? recent.meanCacheHitRatio,
      subagentsSpawned: Math.max(recent.subagentsSpawned, whole.subagentsSpawned),
      peakConcurrentSubagents: Math.max(recent.peakConcurrentSubagents, whole.peakConcurrentSubagents),
    };
  }
}
