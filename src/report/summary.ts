/**
 * The summary report: what `tokentop summary --json` prints and what the live monitor prints on exit.
 * Pure: the ledger, the source counts, a time range and the price table in; a plain object out.
 */
import type { LedgerView } from '../metrics/event-ledger.js';
import { summarizeProxy, type ProxyView, type ProxySourceCounts } from '../metrics/proxy-ledger.js';
import type { Anomaly } from '../detect/anomaly.js';
import { detectAll, detectorInput } from '../detect/detect-all.js';
import { lampOf, type AnomalyStanding } from '../detect/lamp.js';
import { cacheHitRatio } from '../metrics/token-math.js';
import { addRecord, costLookup, emptyTotals, type TokenTotals } from '../metrics/token-totals.js';
import { periodsOf } from './periods.js';

export { emptyTotals, type TokenTotals };
export type * from './summary-types.js';
import type { AnomalySummary, LimitSummary, Summary, SummaryInput, SessionSummary } from './summary-types.js';
import { priceOf, type ModelPrice } from '../pricing/price-table.js';


interface SessionAcc {
  id: string;
  project: string;
  cwd: string | undefined;
  first: number;
  last: number;
  totals: TokenTotals;
  models: Set<string>;
  spawned: number;
  files: number;
  limits: number;
  retries: number;
}

export function buildSummary(input: SummaryInput): Summary {
  const { ledger, since, until } = input;
  const inRange = (t: number): boolean => (since === undefined || t >= since) && (until === undefined || t < until);
  const sessions = new Map<string, SessionAcc>();
  const session = (id: string, project: string, cwd: string | undefined, time: number | undefined): SessionAcc => {
    let acc = sessions.get(id);
    if (acc === undefined) {
      acc = { id, project, cwd, first: Infinity, last: -Infinity, totals: emptyTotals(), models: new Set(), spawned: 0, files: 0, limits: 0, retries: 0 };
      sessions.set(id, acc);
    }
    // The earliest line's cwd (ties: the smallest), so the result does not depend on read order.
    if (cwd !== undefined && (acc.cwd === undefined || (time !== undefined && (time < acc.first || (time === acc.first && cwd < acc.cwd))))) acc.cwd = cwd;
    if (time !== undefined) {
      acc.first = Math.min(acc.first, time);
      acc.last = Math.max(acc.last, time);
    }
    return acc;
  };

  const totals = emptyTotals();
  const byModel = new Map<string, TokenTotals>();
  const unpriced = new Set<string>();
  const costOf = costLookup(input.prices);
  for (const r of ledger.usage.values()) {
    if (!inRange(r.time)) continue;
    const cost = costOf(r);
    if (cost === undefined) unpriced.add(r.model);
    addRecord(totals, r, cost);
    let m = byModel.get(r.model);
    if (m === undefined) byModel.set(r.model, (m = emptyTotals()));
    addRecord(m, r, cost);
    const s = session(r.scope.sessionId, r.scope.project, r.scope.cwd, r.time);
    // A folded record's time is its first response's; the session went on until its last.
    if (r.folded !== undefined) s.last = Math.max(s.last, r.folded.lastTime);
    addRecord(s.totals, r, cost);
    s.models.add(r.model);
  }

  let spawned = 0;
  const byType: Record<string, number> = {};
  for (const spawn of ledger.spawns.values()) {
    if (!inRange(spawn.time)) continue;
    spawned += 1;
    byType[spawn.subagentType] = (byType[spawn.subagentType] ?? 0) + 1;
    session(spawn.scope.sessionId, spawn.scope.project, spawn.scope.cwd, spawn.time).spawned += 1;
  }
  let finished = 0;
  for (const finish of ledger.finishes.values()) if (inRange(finish.time) && ledger.spawns.has(finish.toolUseId)) finished += 1;

  const ranged = since !== undefined || until !== undefined;
  const limits: LimitSummary[] = [];
  for (const l of ledger.limits.values()) {
    // A summary title has no time: it can only be placed when no range was asked for.
    if (l.time === undefined ? ranged : !inRange(l.time)) continue;
    session(l.scope.sessionId, l.scope.project, l.scope.cwd, l.time).limits += 1;
    limits.push({
      time: iso(l.time),
      text: l.text,
      kind: l.limitKind,
      window: l.window ?? null,
      resetAt: iso(l.resetAt),
      reset: l.resetText ?? null,
      sessionId: l.scope.sessionId,
      project: l.scope.project,
      file: l.origin.file,
      line: l.origin.line,
    });
  }
  limits.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? '') || a.file.localeCompare(b.file) || a.line - b.line);

  let retries = 0;
  for (const r of ledger.retries.values()) {
    if (!inRange(r.time)) continue;
    retries += 1;
    session(r.scope.sessionId, r.scope.project, r.scope.cwd, r.time).retries += 1;
  }
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let apiErrors = 0;
  for (const e of ledger.apiErrors.values()) {
    if (!inRange(e.time)) continue;
    apiErrors += 1;
    const key = e.status === undefined ? 'other' : String(e.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    byKind[e.errorKind] = (byKind[e.errorKind] ?? 0) + 1;
  }
  for (const f of input.agentFiles) {
    const owner = f.sessionId === undefined ? undefined : sessions.get(f.sessionId);
    if (owner !== undefined) owner.files += 1;
  }

  const proxy = input.proxy === undefined ? {} : proxySections(input.proxy.ledger, input.proxy.sources, inRange);
  const record = input.proxy?.record === undefined ? {} : { statusline: input.proxy.record };
  const found = detectAll(detectorInput(ledger, input.proxy?.ledger, input.proxy?.ledger.quota ?? [], input.generatedAt, input.thresholds, input.settled, [], input.prices)).filter((a) => inRange(a.start) || (a.kind === 'limit-hit' && !ranged));
  // The lamp at the report's moment: what the monitor's screen showed on exit.
  const lamp = lampOf(found, input.generatedAt, input.acknowledged);
  const anomalies = found.map((a) => anomalySummary(a, lamp.standing.get(a.id) ?? 'lit'));
  const by = input.by === undefined ? {} : { by: { kind: input.by.kind, zone: input.by.zone }, periods: periodsOf(ledger, input.by.kind, input.prices, input.by.zone, inRange) };
  return {
    ...proxy,
    ...record,
    ...by,
    tool: 'tokentop',
    version: input.version,
    generatedAt: new Date(input.generatedAt).toISOString(),
    range: { since: iso(since), until: iso(until) },
    sources: input.sources,
    totals,
    cacheHitRatio: cacheHitRatio(totals),
    models: [...byModel].map(([model, t]) => ({ model, priced: !unpriced.has(model), ...t })).sort((a, b) => b.output - a.output),
    sessions: [...sessions.values()].sort((a, b) => a.first - b.first || a.id.localeCompare(b.id)).map((s) => sessionSummary(s, ledger)),
    subagents: { spawned, finished, byType, files: input.agentFiles.length },
    limits,
    retries: { count: retries },
    apiErrors: { count: apiErrors, byStatus, byKind },
    prices: {
      date: input.prices.date,
      source: input.prices.source,
      unpricedModels: [...unpriced].sort(),
      used: [...byModel.keys()]
        .map((model): [string, ModelPrice | undefined] => [model, priceOf(input.prices, model)])
        .filter((entry): entry is [string, ModelPrice] => entry[1] !== undefined)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([model, p]) => ({ model, input: p.input, output: p.output, above200k: p.above200k ?? null, source: p.source ?? null, date: p.date ?? null })),
    },
    lamp: { state: lamp.state, lit: lamp.lit, acknowledged: lamp.acknowledged, history: lamp.history },
    anomalies,
  };
}

export function anomalySummary(a: Anomaly, standing: AnomalyStanding): AnomalySummary {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    standing,
    start: iso(a.start),
    end: iso(a.end),
    sessionId: a.sessionId ?? null,
    message: a.message,
    certainty: a.certainty,
    basis: a.basis,
    advice: a.advice,
    evidence: a.evidence.map((e) => (e.kind === 'reading' ? { ...e, time: iso(e.time), resetAt: iso(e.resetAt) } : e)),
  };
}

/** The proxy section when proxy logs were named; the quota readings of every source in the range. */
function proxySections(ledger: ProxyView, sources: ProxySourceCounts | undefined, inRange: (t: number) => boolean): Pick<Summary, 'proxy' | 'quota'> {
  const quota = ledger.quota
    .filter((q) => inRange(q.time))
    .sort((a, b) => a.time - b.time)
    .map((q) => ({ window: q.window, time: iso(q.time) ?? '', utilization: q.utilization ?? null, status: q.status ?? null, resetAt: iso(q.resetAt), remaining: q.remaining ?? null, limit: q.limit ?? null, source: q.source }));
  return { ...(sources === undefined ? {} : { proxy: { ...summarizeProxy(ledger, inRange), sources } }), quota };
}

function sessionSummary(s: SessionAcc, ledger: LedgerView): SessionSummary {
  const cost = ledger.costStates.get(s.id);
  return {
    id: s.id,
    title: ledger.titleOf(s.id) ?? null,
    project: s.project,
    cwd: s.cwd ?? null,
    firstTime: Number.isFinite(s.first) ? iso(s.first) : null,
    lastTime: Number.isFinite(s.last) ? iso(s.last) : null,
    totals: s.totals,
    cacheHitRatio: cacheHitRatio(s.totals),
    models: [...s.models].sort(),
    subagents: { spawned: s.spawned, files: s.files },
    limits: s.limits,
    retries: s.retries,
    reportedCostUSD: cost?.totalCostUSD ?? null,
  };
}

function iso(t: number | undefined): string | null {
  return t === undefined ? null : new Date(t).toISOString();
}
