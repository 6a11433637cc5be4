/** The readable form of a Summary: a few aligned tables, control sequences stripped. Pure. */
import { oneLine, stripControl } from '../parse/untrusted-text.js';
import { duration, totalTokens } from '../metrics/token-math.js';
import { cell, compact, grouped, percent, shortTime, usd } from './format.js';
import { pathCell, wrap } from './text-width.js';
import { quotaSection } from './quota-text.js';
import { shortAnomalyId } from './anomaly-id.js';
import type { PeriodKind, PeriodSummary } from './periods.js';
import type { IndexSummary, Summary, TokenTotals } from './summary.js';

const MAX_SESSIONS = 40;
/** Longest title a cell is handed (titles are transcript text: one line, controls stripped). */
const TITLE_MAX = 200;

export function renderSummaryText(summary: Summary, width = 100): string {
  const out: string[] = [];
  const s = summary.sources;
  const span = summary.sessions.length > 0 ? `${shortTime(firstOf(summary))} → ${shortTime(lastOf(summary))} UTC` : 'no activity';
  out.push(`tokentop summary · ${grouped(s.files)} files · ${grouped(s.lines)} lines · ${grouped(s.malformed)} malformed · ${span}`);
  if (summary.index !== undefined) out.push(...wrap(indexLine(summary.index), width));
  if (summary.range.since !== null || summary.range.until !== null) {
    out.push(`range: ${shortTime(summary.range.since)} → ${shortTime(summary.range.until)} UTC`);
  }
  out.push('');
  out.push(tokenHeader('TOKENS'));
  out.push(tokenRow('total', summary.totals));
  for (const m of summary.models) out.push(tokenRow(stripControl(m.model), m));
  out.push('');
  if (summary.periods !== undefined && summary.by !== undefined) {
    out.push(tokenHeader(`BY ${summary.by.kind.toUpperCase()} (${summary.by.kind === 'session' || summary.by.kind === 'block' ? 'UTC' : summary.by.zone})`));
    for (const p of summary.periods) out.push(tokenRow(periodLabel(summary.by.kind, p), p.totals));
    out.push('');
  }
  const errorKinds = Object.entries(summary.apiErrors.byKind).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', ');
  out.push(`cache hit ratio ${percent(summary.cacheHitRatio)}   sub-agents spawned ${grouped(summary.subagents.spawned)}   retries ${grouped(summary.retries.count)}   API errors ${grouped(summary.apiErrors.count)}${errorKinds === '' ? '' : ` (${errorKinds})`}`);
  if (summary.prices.unpricedModels.length > 0) {
    out.push(`* cost leaves out models with no price: ${summary.prices.unpricedModels.map(stripControl).join(', ')} (add them with --prices FILE)`);
  }
  // Each price with where it comes from: USD per million input/output tokens, grouped by source.
  const bySource = new Map<string, string[]>();
  for (const p of summary.prices.used) {
    const from = `${stripControl(p.source ?? summary.prices.source)}, ${p.date ?? summary.prices.date}`;
    bySource.set(from, [...(bySource.get(from) ?? []), `${stripControl(p.model).replace(/^claude-/, '')} ${p.input}/${p.output}`]);
  }
  if (bySource.size === 0) out.push(`prices: table of ${summary.prices.date}`);
  for (const [from, models] of bySource) out.push(...wrap(`prices ($/M in/out): ${models.join(', ')} (${from})`, width));
  if (s.placedAtPreviousTime > 0) out.push(`note: ${grouped(s.placedAtPreviousTime)} usage lines had an unreadable timestamp; their tokens are counted at the time of the line before them (or, with none before, the line after)`);
  if (summary.watch !== undefined) {
    const w = summary.watch;
    out.push('');
    out.push(`WATCHED ${shortTime(w.watchedFrom)} → ${shortTime(w.watchedUntil)} UTC`);
    out.push(`peak ${compact(w.peakTokensPerMinute)} tokens in a minute   mean cache hit ratio ${percent(w.meanCacheHitRatio)}   sub-agents spawned ${grouped(w.subagentsSpawned)}, peak ${grouped(w.peakConcurrentSubagents)} at once`);
  }

  out.push('');
  out.push(`SESSIONS (${summary.sessions.length})`);
  // The project and the title share what the figures leave: the title a little more.
  const flexible = Math.max(24, width - 69);
  const projectWidth = Math.max(12, Math.min(40, Math.floor(flexible * 0.45)));
  const titleWidth = Math.max(12, flexible - projectWidth);
  out.push(`${cell('last activity', 17)} ${cell('session', 8)} ${cell('project', projectWidth)} ${cell('title', titleWidth)} ${cell('tokens', 8, 'right')} ${cell('cost', 9, 'right')} ${cell('cache', 6, 'right')} ${cell('agents', 6, 'right')} ${cell('limits', 6, 'right')}`);
  const recent = [...summary.sessions].sort((a, b) => (b.lastTime ?? '').localeCompare(a.lastTime ?? '')).slice(0, MAX_SESSIONS);
  for (const session of recent) {
    const t = session.totals;
    out.push(
      `${cell(shortTime(session.lastTime), 17)} ${cell(shortId(session.id), 8)} ${pathCell(session.cwd ?? session.project, projectWidth)} ${cell(oneLine(session.title ?? '', TITLE_MAX), titleWidth)} ${cell(compact(totalTokens(t)), 8, 'right')} ${cell(usd(t.costUSD, t.costComplete), 9, 'right')} ${cell(percent(session.cacheHitRatio), 6, 'right')} ${cell(String(session.subagents.spawned), 6, 'right')} ${cell(String(session.limits), 6, 'right')}`,
    );
  }
  if (summary.sessions.length > MAX_SESSIONS) out.push(`… ${summary.sessions.length - MAX_SESSIONS} more (see --json)`);

  out.push(...quotaSection(summary));

  out.push('');
  const notable = summary.anomalies.filter((a) => a.severity !== 'info');
  const l = summary.lamp;
  const quiet = [l.acknowledged > 0 ? `${l.acknowledged} acknowledged` : '', l.history > 0 ? `${l.history} over a week old` : ''].filter((x) => x !== '').join(', ');
  out.push(`ANOMALIES (${notable.length} warn or critical, ${summary.anomalies.length - notable.length} info) · lamp ${l.state}${l.lit > 0 ? ` (${l.lit} lit)` : ''}${quiet === '' ? '' : `; ${quiet}`}`);
  // The message is what a person takes to support: wrapped, never cut.
  const messageWidth = Math.max(30, width - 48);
  for (const a of notable) {
    // How it knows and how old it is, after what was seen; then the id `tokentop evidence --anomaly` takes.
    const age = a.start === null ? '' : `, ${duration(Date.parse(summary.generatedAt) - Date.parse(a.start))} ago`;
    const [first = '', ...rest] = wrap(`${oneLine(a.message, Number.MAX_SAFE_INTEGER)} (${a.certainty}${age})`, messageWidth);
    // What lights the lamp in capitals; the rest says why it does not (old: over a week; ack: acknowledged).
    const severity = a.standing === 'lit' ? a.severity.toUpperCase() : `${a.standing === 'history' ? 'old' : 'ack'} ${a.severity === 'critical' ? 'crit' : 'warn'}`;
    out.push(`${cell(shortTime(a.start), 17)} ${cell(severity, 8)} ${cell(a.kind, 19)} ${first}`);
    for (const more of [...rest, ...wrap(`id ${shortAnomalyId(a.id)}`, messageWidth)]) out.push(`${' '.repeat(47)}${more}`);
  }
  // What to do: once per piece of advice, with the kinds it is for (the same advice repeats across anomalies).
  const advice = new Map<string, Set<string>>();
  for (const a of notable) advice.set(a.advice, (advice.get(a.advice) ?? new Set()).add(a.kind));
  for (const [text, kinds] of advice) out.push(...wrap(`do (${[...kinds].join(', ')}): ${oneLine(text, Number.MAX_SAFE_INTEGER)}`, width - 2).map((line, i) => `${i === 0 ? '' : '  '}${line}`));
  const info = new Map<string, number>();
  for (const a of summary.anomalies) if (a.severity === 'info') info.set(a.kind, (info.get(a.kind) ?? 0) + 1);
  if (info.size > 0) out.push(`info: ${[...info].map(([kind, n]) => `${n} ${kind}`).join(', ')} (each with its evidence in --json)`);
  out.push('');
  // One row per message text and reset: a lockout is written again by every retry, sub-agent and
  // session title (the real corpus has one 1.0.x message 24 times); the JSON keeps every copy.
  const rows = new Map<string, { limit: (typeof summary.limits)[number]; copies: number }>();
  for (const limit of summary.limits) {
    const key = `${limit.text}\u0000${limit.resetAt ?? limit.reset ?? ''}`;
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { limit, copies: 1 });
    else {
      row.copies += 1;
      if (row.limit.time === null && limit.time !== null) row.limit = limit;
    }
  }
  out.push(`LIMITS (${summary.limits.length} message${summary.limits.length === 1 ? '' : 's'}${rows.size < summary.limits.length ? `, ${rows.size} distinct` : ''})`);
  for (const { limit, copies } of rows.values()) {
    const reset = limit.resetAt === null ? (limit.reset ?? 'no reset time') : `resets ${shortTime(limit.resetAt)} UTC`;
    const times = copies > 1 ? ` (x${copies})` : '';
    out.push(`${cell(shortTime(limit.time), 17)} ${cell(reset, 28)} ${oneLine(limit.text, Math.max(20, width - 47 - times.length))}${times}`);
  }
  return `${out.join('\n')}\n`;
}

function tokenHeader(title: string): string {
  return `${cell(title, 28)} ${cell('input', 9, 'right')} ${cell('output', 9, 'right')} ${cell('cache wr', 9, 'right')} ${cell('cache rd', 9, 'right')} ${cell('responses', 10, 'right')} ${cell('cost', 10, 'right')}`;
}

function tokenRow(label: string, t: TokenTotals): string {
  return `${cell(label, 28)} ${cell(compact(t.input), 9, 'right')} ${cell(compact(t.output), 9, 'right')} ${cell(compact(t.cacheCreation), 9, 'right')} ${cell(compact(t.cacheRead), 9, 'right')} ${cell(grouped(t.responses), 10, 'right')} ${cell(usd(t.costUSD, t.costComplete), 10, 'right')}`;
}

function firstOf(summary: Summary): string | null {
  return summary.sessions.reduce<string | null>((min, s) => (s.firstTime !== null && (min === null || s.firstTime < min) ? s.firstTime : min), null);
}

function lastOf(summary: Summary): string | null {
  return summary.sessions.reduce<string | null>((max, s) => (s.lastTime !== null && (max === null || s.lastTime > max) ? s.lastTime : max), null);
}

/** The first 8 characters of a session id: enough to tell sessions apart and to find the file. */
export function shortId(id: string): string {
  return stripControl(id).slice(0, 8);
}

/** A period's row label: the session's short id and title, a block's start, else the period itself. */
function periodLabel(kind: PeriodKind, p: PeriodSummary): string {
  if (kind === 'session') return `${shortId(p.period)} ${oneLine(p.title ?? '', TITLE_MAX)}`.trim();
  if (kind === 'block') return `${shortTime(p.start)}-${p.end.slice(11, 16)}`;
  return p.period;
}

function indexLine(i: IndexSummary): string {
  return `index: ${grouped(i.unchangedFiles)} files unchanged, ${grouped(i.grownFiles)} read on, ${grouped(i.readFiles)} read whole · ${mib(i.bytesRead)} read${i.threads > 1 ? ` on ${i.threads} threads` : ''} · index ${mib(i.bytes)} (${stripControl(i.path)})`;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
