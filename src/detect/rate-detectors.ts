/** Rates: a burn far above the usual, a storm of retries, and sources that disagree. */
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import type { RetryEvent } from '../parse/events.js';
import { groupBy } from './group-by.js';
import { eachBurst } from './bursts.js';
import { anomaly, type Anomaly } from './anomaly.js';
import { compact, inputEquivalentTokens, totalTokens } from '../metrics/token-math.js';
import { writeWeight } from './cache-causes.js';
import { factsOf } from './detector-facts.js';
import type { DetectorInput } from './detector-input.js';
import { reading } from './quota-detectors.js';

const MINUTE = 60_000;

/**
 * burn-spike: a minute whose tokens, weighed by what they cost (`inputEquivalentTokens`), are
 * spikeFactor times the trailing hour's median minute, and at least spikeFloorPerMinute. Raw counts
 * would flag busy minutes of cheap cache reads (seen on real data: "785k tokens in a minute, 14.7x
 * the usual" that were ten ordinary requests, 97% cache reads).
 */
export function burnSpike(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const { copied, writes } = factsOf(input);
  // A cache write with a cause is judged by the cache rules (expected, or a miss of its own): the spike weighs the rest.
  const weigh = (r: ResponseRecord): number => inputEquivalentTokens(r) - (writes.has(r.key) ? writeWeight(r) : 0);
  const perMinute = new Map<number, number>();
  // The costliest response of each minute: the line the evidence points to.
  const largest = new Map<number, ResponseRecord>();
  for (const r of input.responses) {
    if (copied.response(r)) continue;
    const m = Math.floor(r.time / MINUTE);
    perMinute.set(m, (perMinute.get(m) ?? 0) + weigh(r));
    const top = largest.get(m);
    if (r.folded === undefined && (top === undefined || weigh(r) > weigh(top))) largest.set(m, r);
  }
  const minutes = [...perMinute.keys()].sort((a, b) => a - b);
  const out: Anomaly[] = [];
  let lastSpikeMinute = -Infinity;
  let from = 0;
  minutes.forEach((m, i) => {
    // The usual: the median of the active minutes in the hour before (at least ten of them).
    while ((minutes[from] ?? m) < m - 60) from++;
    const weighed = perMinute.get(m) ?? 0;
    const trailing = minutes.slice(from, i).map((x) => perMinute.get(x) ?? 0);
    if (weighed < t.spikeFloorPerMinute || trailing.length < 10) return;
    const median = [...trailing].sort((a, b) => a - b)[Math.floor(trailing.length / 2)] ?? 0;
    if (weighed < t.spikeFactor * median) return;
    if (m - lastSpikeMinute > 5) {
      const top = largest.get(m);
      out.push(
        anomaly({
          kind: 'burn-spike',
          severity: 'warn',
          start: m * MINUTE,
          end: (m + 1) * MINUTE,
          sessionId: undefined,
          message: `${compact(weighed)} input-equivalent tokens in a minute (writes and output weighed by their price), ${(weighed / Math.max(1, median)).toFixed(1)}x the usual ${compact(median)}`,
          certainty: 'inferred',
          basis: 'from local transcripts: this minute against the median active minute of the hour before; cache writes with a known cause (idle purge, first request, model change, a miss) are left out',
          advice: 'look at the costliest response of that minute; a large output or a long tool loop is the usual cause',
          evidence: [
            { kind: 'figure', name: 'input-equivalent tokens that minute', value: Math.round(weighed), note: new Date(m * MINUTE).toISOString() },
            { kind: 'figure', name: 'median minute of the hour before', value: Math.round(median), note: `${trailing.length} active minutes` },
            ...(top === undefined ? [] : [{ kind: 'line' as const, file: top.origin.file, line: top.origin.line, note: `the costliest response that minute: ${top.key}, ${totalTokens(top)} tokens (output ${top.output}, cache write ${top.cacheCreation}, cache read ${top.cacheRead})` }]),
          ],
        }),
      );
    }
    lastSpikeMinute = m;
  });
  return out;
}

/**
 * retry-storm: retryStormCount api_error retries within retryStormMs in one session; storms less
 * than retryOutageGapMs apart, in any session, are one outage and one anomaly (a network that
 * went away shows in every open session at once). It says what the errors mean and what to do.
 */
export function retryStorm(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const { copied } = factsOf(input);
  const storms: Array<{ start: number; end: number; retries: RetryEvent[] }> = [];
  for (const unsorted of groupBy(input.retries.filter((r) => !copied.retry(r)), (r) => r.scope.sessionId).values()) {
    const list = unsorted.sort((a, b) => a.time - b.time);
    eachBurst(list, t.retryStormCount, t.retryStormMs, (from, to) => {
      // Extend over every retry that keeps the storm going, then report it once.
      let end = to;
      while (end + 1 < list.length && (list[end + 1] as RetryEvent).time - (list[end] as RetryEvent).time <= t.retryStormMs) end++;
      const retries = list.slice(from, end + 1);
      storms.push({ start: (list[from] as RetryEvent).time, end: (list[end] as RetryEvent).time, retries });
      return (list[end] as RetryEvent).time;
    });
  }
  storms.sort((a, b) => a.start - b.start);
  const outages: Array<{ start: number; end: number; retries: RetryEvent[] }> = [];
  for (const storm of storms) {
    const last = outages.at(-1);
    if (last !== undefined && storm.start - last.end <= t.retryOutageGapMs) {
      last.end = Math.max(last.end, storm.end);
      last.retries.push(...storm.retries);
    } else outages.push({ ...storm, retries: [...storm.retries] });
  }
  return outages.map((o) => outageAnomaly(input, o));
}

function outageAnomaly(input: DetectorInput, o: { start: number; end: number; retries: RetryEvent[] }): Anomaly {
  o.retries.sort((a, b) => a.time - b.time);
  const sessions = [...new Set(o.retries.map((r) => r.scope.sessionId))];
  const codes = [...new Set(o.retries.flatMap((r) => (r.errorCode === undefined ? [] : [r.errorCode])))].join(', ');
  const cause = retryCause(input, o.retries, sessions, o.start, o.end);
  const where = sessions.length > 1 ? ` across ${sessions.length} sessions` : '';
  return anomaly({
    kind: 'retry-storm',
    severity: 'warn',
    start: o.start,
    end: o.end,
    sessionId: sessions.length === 1 ? sessions[0] : undefined,
    message: `${o.retries.length} API retries in ${Math.max(1, Math.round((o.end - o.start) / MINUTE))} min${where}${codes === '' ? '' : ` (${codes})`}: ${cause.meaning}`,
    certainty: 'inferred',
    basis: cause.basis,
    advice: cause.advice,
    evidence: o.retries.slice(0, 12).map((r) => ({ kind: 'line' as const, file: r.origin.file, line: r.origin.line, note: `retry ${r.attempt ?? '?'}/${r.maxRetries ?? '?'} ${r.errorCode ?? ''}`.trim() })),
  });
}

interface RetryCause {
  readonly meaning: string;
  readonly basis: string;
  readonly advice: string;
}

const CONNECTION_CODES = /ConnectionRefused|FailedToOpenSocket|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket|connect/i;

const AUTH: RetryCause = { meaning: 'the API refused the credentials', basis: 'an authentication failure (401/403)', advice: 'run /login in Claude Code (or check ANTHROPIC_API_KEY)' };
const CONNECTION: RetryCause = { meaning: 'Claude Code could not reach the API', basis: 'a connection failure: the server never answered, so nothing was counted', advice: 'check the network, VPN or proxy (and ANTHROPIC_BASE_URL if set); not a limit on your plan' };
const TIMEOUT: RetryCause = { meaning: 'requests timed out', basis: 'timeouts: the API or the network answered too slowly', advice: 'wait and retry; if only this machine sees it, check the network or proxy' };
const OVERLOADED: RetryCause = { meaning: "Anthropic's API was overloaded (529)", basis: 'an overload', advice: 'wait: nothing is wrong on your side, and overloaded requests do not count toward the plan' };
const THROTTLED_ELSEWHERE: RetryCause = { meaning: "the session's third-party backend throttled it (429)", basis: "a 429, from a session whose responses come from a model Anthropic does not serve", advice: "that provider's rate limit: see its console; Anthropic's plan limits do not apply" };
const RATE_LIMITED: RetryCause = { meaning: 'rate limited (429)', basis: 'a 429', advice: 'wait; if it comes with a limit message, that is the plan limit (limit-hit)' };
const SERVER: RetryCause = { meaning: "server errors on Anthropic's side", basis: 'a 5xx', advice: 'wait, and check status.anthropic.com' };
const UNKNOWN: RetryCause = { meaning: 'the lines do not say why', basis: 'the retry lines carry an empty error (Claude Code often writes {}), and no error message came with them', advice: 'look at the session around that time; if every session shows it, it is the network or the API' };

/** What a set of error codes, kinds and statuses names, most specific first; undefined when nothing. */
function causeOf(codes: string, kinds: ReadonlySet<string>, statuses: ReadonlySet<number>, thirdParty: boolean): RetryCause | undefined {
  if (kinds.has('auth') || statuses.has(401) || statuses.has(403) || /\b40[13]\b|authentication/i.test(codes)) return AUTH;
  if (kinds.has('connection') || CONNECTION_CODES.test(codes)) return CONNECTION;
  if (kinds.has('timeout') || /timeout|timed out/i.test(codes)) return TIMEOUT;
  if (kinds.has('overloaded') || statuses.has(529) || /529|overloaded/i.test(codes)) return OVERLOADED;
  if (statuses.has(429) || /429|rate_limit/i.test(codes)) return thirdParty ? THROTTLED_ELSEWHERE : RATE_LIMITED;
  if (kinds.has('server') || [...statuses].some((s) => s >= 500) || /\b5\d\d\b|api_error/i.test(codes)) return SERVER;
  return undefined;
}

/**
 * What went wrong: the retries' own codes, and the error message Claude Code wrote when it gave
 * up (or between attempts). They can differ (a network back after minutes, then an expired login):
 * then both are said, and the advice is the message's, which is what stands in the way now.
 */
function retryCause(input: DetectorInput, retries: readonly RetryEvent[], sessions: readonly string[], start: number, end: number): RetryCause {
  const servedElsewhere = thirdPartySessions(input);
  const thirdParty = sessions.some((s) => servedElsewhere.has(s));
  const errors = input.apiErrors?.filter((e) => sessions.includes(e.scope.sessionId) && e.time >= start - MINUTE && e.time <= end + 5 * MINUTE) ?? [];
  const fromRetries = causeOf(retries.map((r) => r.errorCode ?? '').join(' '), new Set(), new Set(), thirdParty);
  const fromMessage = causeOf('', new Set(errors.map((e) => e.errorKind)), new Set(errors.flatMap((e) => (e.status === undefined ? [] : [e.status]))), thirdParty);
  const said = errors[0] === undefined ? '' : ` and the error message "${errors[0].text.slice(0, 80)}"`;
  if (fromRetries !== undefined && fromMessage !== undefined && fromRetries !== fromMessage) {
    return { meaning: `${fromRetries.meaning}, then ${fromMessage.meaning}`, basis: `the retry lines name ${fromRetries.basis}${said} names ${fromMessage.basis}`, advice: `${fromMessage.advice}; before that: ${fromRetries.advice}` };
  }
  const cause = fromMessage ?? fromRetries;
  if (cause === undefined) return UNKNOWN;
  return { ...cause, basis: `the retry lines${said} name ${cause.basis}` };
}

const thirdPartyByInput = new WeakMap<DetectorInput, ReadonlySet<string>>();

/** Sessions with a response from a model other than Claude's (a relay or local model): found once per input, not per outage. */
function thirdPartySessions(input: DetectorInput): ReadonlySet<string> {
  let sessions = thirdPartyByInput.get(input);
  if (sessions === undefined) {
    sessions = new Set(input.responses.filter((r) => !/^claude/i.test(r.model) && r.model !== 'unknown').map((r) => r.scope.sessionId));
    thirdPartyByInput.set(input, sessions);
  }
  return sessions;
}

/**
 * source-desync: transcripts and the proxy log disagree on tokens over a period by more than
 * desyncTolerance; or a quota counter falls (by less than a counter reset) while local usage rises.
 * Totals are compared only in periods where the two see the same traffic: at least half the
 * proxy's message ids are in the transcripts. A proxy in front of one terminal of several, or of
 * another machine, sees other requests, and comparing those totals would say nothing.
 */
export function sourceDesync(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const out: Anomaly[] = [];
  if (input.proxyRequests.length > 0) {
    const periods = new Map<number, { local: number; proxy: number; ids: number; shared: number }>();
    const period = (time: number): { local: number; proxy: number; ids: number; shared: number } => {
      const p = Math.floor(time / t.desyncPeriodMs);
      let v = periods.get(p);
      if (v === undefined) periods.set(p, (v = { local: 0, proxy: 0, ids: 0, shared: 0 }));
      return v;
    };
    const localKeys = new Set(input.responses.map((r) => r.key));
    for (const r of input.proxyRequests) {
      if (r.usage === undefined) continue;
      const v = period(r.time);
      v.proxy += totalTokens(r.usage);
      if (r.messageId === undefined) continue;
      v.ids += 1;
      if (localKeys.has(r.messageId)) v.shared += 1;
    }
    for (const r of input.responses) if (periods.has(Math.floor(r.time / t.desyncPeriodMs))) period(r.time).local += totalTokens(r);
    for (const [p, v] of [...periods].sort((a, b) => a[0] - b[0])) {
      if (v.shared === 0 || v.shared < v.ids / 2) continue;
      if (v.local < t.desyncFloorTokens || v.proxy < t.desyncFloorTokens) continue;
      const gap = Math.abs(v.local - v.proxy) / Math.max(v.local, v.proxy);
      if (gap <= t.desyncTolerance) continue;
      out.push(periodDesync(p, t.desyncPeriodMs, v.local, v.proxy, gap, 'the proxy', { name: 'proxy tokens', note: `from response bodies; ${v.shared} of ${v.ids} message ids in both` }));
    }
  }
  out.push(...otelDesync(input));
  const sorted = [...input.responses].sort((a, b) => a.time - b.time);
  const localBetween = (from: number, to: number): number => sorted.filter((r) => r.time > from && r.time <= to).reduce((sum, r) => sum + totalTokens(r), 0);
  const groups = groupBy(input.quota, (q) => (q.window === '5h' || q.window === '7d' ? `${q.window}/${q.source}` : undefined));
  for (const list of groups.values()) {
    list.sort((a, b) => a.time - b.time);
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1] as QuotaReading;
      const after = list[i] as QuotaReading;
      if (before.utilization === undefined || after.utilization === undefined || before.resetAt === undefined || after.time >= before.resetAt) continue;
      const fall = before.utilization - after.utilization;
      if (fall <= 0.02 || fall >= t.counterDrop) continue;
      const used = localBetween(before.time, after.time);
      if (used < t.desyncFloorTokens) continue;
      out.push(
        anomaly({
          kind: 'source-desync',
          severity: 'warn',
          start: after.time,
          end: undefined,
          sessionId: undefined,
          message: `${after.window} counter went down ${Math.round(fall * 100)} points while ${compact(used)} tokens were used (${after.source})`,
          certainty: 'confirmed',
          basis: `two server readings of one window and source, before its reset; the tokens between them are this machine's`,
          advice: 'keep the record running; a fall that comes back is a counter glitch on the server side',
          evidence: [reading(before), reading(after), { kind: 'figure', name: 'tokens used in between', value: used, note: 'from transcripts' }],
        }),
      );
    }
  }
  return out;
}

/**
 * Transcripts against Claude Code's own telemetry (OTLP), period by period: both count the same
 * requests of the same machine, so tokens more than desyncTolerance apart, both above the floor,
 * say one of them is wrong. A period at either edge of the telemetry (exports come every 60 s) is
 * left out: it may hold tokens the other side placed in the period next to it.
 */
function otelDesync(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const otel = input.otelTokens ?? [];
  if (otel.length === 0) return [];
  const periodOf = (time: number): number => Math.floor(time / t.desyncPeriodMs);
  const reported = new Map<number, number>();
  for (const o of otel) reported.set(periodOf(o.time), (reported.get(periodOf(o.time)) ?? 0) + o.tokens);
  const local = new Map<number, number>();
  for (const r of input.responses) if (reported.has(periodOf(r.time))) local.set(periodOf(r.time), (local.get(periodOf(r.time)) ?? 0) + totalTokens(r));
  const out: Anomaly[] = [];
  for (const [p, tokens] of [...reported].sort((a, b) => a[0] - b[0])) {
    if (!reported.has(p - 1) || !reported.has(p + 1)) continue;
    const mine = local.get(p) ?? 0;
    if (mine < t.desyncFloorTokens || tokens < t.desyncFloorTokens) continue;
    const gap = Math.abs(mine - tokens) / Math.max(mine, tokens);
    if (gap <= t.desyncTolerance) continue;
    out.push(periodDesync(p, t.desyncPeriodMs, mine, tokens, gap, "Claude Code's telemetry", { name: 'OTel tokens', note: 'claude_code.token.usage, as exported' }));
  }
  return out;
}

/** A period in which the transcripts and another source (`other`) counted tokens `gap` apart. */
function periodDesync(period: number, periodMs: number, local: number, theirs: number, gap: number, other: string, figure: { name: string; note: string }): Anomaly {
  return anomaly({
    kind: 'source-desync',
    severity: 'warn',
    start: period * periodMs,
    end: (period + 1) * periodMs,
    sessionId: undefined,
    message: `transcripts counted ${compact(local)} tokens and ${other} ${compact(theirs)} in the same ${Math.round(periodMs / MINUTE)} minutes (${Math.round(gap * 100)}% apart)`,
    certainty: 'confirmed',
    basis: `both count the same requests of this machine (${other} saw the same message ids or the same process)`,
    advice: 'check that every terminal writes its transcripts here and that the other source covers the same terminals',
    evidence: [
      { kind: 'figure', name: 'transcript tokens', value: local, note: 'by the counting rule' },
      { kind: 'figure', name: figure.name, value: theirs, note: figure.note },
    ],
  });
}
