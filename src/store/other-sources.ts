/**
 * The two sources beside the transcripts that report tokens as they go: the proxy's responses and
 * Claude Code's own OTLP exports. Their rate over the last minute for the header (none until the
 * source was seen: no rate is shown, not 0), and OTel's exports for the source-desync detector.
 */
import { BucketSeries } from '../metrics/bucket-series.js';
import type { ReportedTokens } from '../metrics/cumulative-counters.js';
import { BUCKET_MS, RING_BUCKETS } from '../metrics/live-metrics.js';
import { MINUTE_MS } from '../metrics/token-math.js';

export class OtherSources {
  private readonly proxyTokens = new BucketSeries(BUCKET_MS, RING_BUCKETS, 4);
  private readonly otelTokens = new BucketSeries(BUCKET_MS, RING_BUCKETS, 4);
  private proxySeen = false;
  private otelSeen = false;
  /** Each OTel export's tokens with its time; pruned with the ledger. */
  private exports: Array<{ time: number; tokens: number }> = [];

  /** A proxy request was seen (with its tokens when it had a response). */
  proxy(time: number, tokens: ReportedTokens | undefined): void {
    this.proxySeen = true;
    if (tokens !== undefined) this.proxyTokens.add(time, channels(tokens));
  }

  otelExport(time: number, tokens: ReportedTokens): void {
    this.otelSeen = true;
    this.otelTokens.add(time, channels(tokens));
    this.exports.push({ time, tokens: tokens.input + tokens.output + tokens.cacheCreation + tokens.cacheRead });
  }

  get otelExports(): ReadonlyArray<{ readonly time: number; readonly tokens: number }> {
    return this.exports;
  }

  /** Tokens in the minute before `now`, or undefined for a source never seen. */
  rate(source: 'proxy' | 'otel', now: number): number | undefined {
    const [series, seen] = source === 'proxy' ? [this.proxyTokens, this.proxySeen] : [this.otelTokens, this.otelSeen];
    return seen ? series.slices(now - MINUTE_MS, now, 1).reduce((sum, channel) => sum + (channel[0] ?? 0), 0) : undefined;
  }

  pruneBefore(time: number): void {
    this.exports = this.exports.filter((o) => o.time >= time);
  }
}

function channels(t: ReportedTokens): number[] {
  return [t.input, t.output, t.cacheCreation, t.cacheRead];
}
