/** The readable form of a Summary: a few aligned tables, control sequences stripped. Pure. */
import { oneLine, stripControl } from '../parse/untrusted-text.js';
import { duration, totalTokens } from '../metrics/token-math.js';
import { cell, compact, grouped, percent, shortTime, usd } from './format.js';
import { displayWidth, wrap } from './text-width.js';
import { fitColumns, headerLine, rowLine, type Column } from './table-columns.js';
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
  out.push(...wrap(`tokentop summary · ${grouped(s.files)} files · ${grouped(s.lines)} lines · ${grouped(s.malformed)} malformed · ${span}`, width));
  if (summary.index !== undefined) out.push(...wrap(indexLine(summary.index), width));
  if (summary.range.since !== null || summary.range.until !== null) {
    out.push(`range: ${shortTime(summary.range.since)} → ${shortTime(summary.range.until)} UTC`);
  }
  out.push('');
  out.push(...tokenTable('TOKENS', [{ label: 'total', totals: summary.totals }, ...summary.models.map((m) => ({ label: width < 80 ? stripControl(m.model).replace(/^claude-/, '').replace(/-\d{8}$/, '') : stripControl(m.model), totals: m }))], width));
  out.push('');
  if (summary.periods !== undefined && summary.by !== undefined) {
    const kind = summary.by.kind;
    const title = `BY ${kind.toUpperCase()} (${kind === 'session' || kind === 'block' ? 'UTC' : summary.by.zone})`;
    const rows = summary.periods.map((p) => ({ label: periodLabel(kind, p), totals: p.totals, project: p.project, last: p.end }));
    // A total row: the periods add up to the report's totals.
    out.push(...tokenTable(title, [...rows, { label: 'total', totals: summary.totals }], width, kind === 'session'));
    out.push('');
  }
  const errorKinds = Object.entries(summary.apiErrors.byKind).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', ');
  out.push(...wrap(`cache hit ratio ${percent(summary.cacheHitRatio)}   sub-agents spawned ${grouped(summary.subagents.spawned)}   retries ${grouped(summary.retries.count)}   API errors ${grouped(summary.apiErrors.count)}${errorKinds === '' ? '' : ` (${errorKinds})`}`, width));
  if (summary.prices.unpricedModels.length > 0) {
    out.push(...wrap(`* cost leaves out models with no price: ${summary.prices.unpricedModels.map(stripControl).join(', ')} (add them with --prices FILE)`, width));
  }
  // Each price with where it comes from: USD per million input/output tokens, grouped by source.
  const bySource = new Map<string, string[]>();
  for (const p of summary.prices.used) {
    const from = `${stripControl(p.source ?? summary.prices.source)}, ${p.date ?? summary.prices.date}`;
    bySource.set(from, [...(bySource.get(from) ?? []), `${stripControl(p.model).replace(/^claude-/, '')} ${p.input}/${p.output}`]);
  }
  if (bySource.size === 0) out.push(`prices: table of ${summary.prices.date}`);
  for (const [from, models] of bySource) out.push(...wrap(`prices ($/M in/out): ${models.join(', ')} (${from})`, width));
  if (s.placedAtPreviousTime > 0) out.push(...wrap(`note: ${grouped(s.placedAtPreviousTime)} usage lines had an unreadable timestamp; their tokens are counted at the time of the line before them (or, with none before, the line after)`, width));
  if (summary.watch !== undefined) {
    const w = summary.watch;
    out.push('');
    out.push(...wrap(`WATCHED ${shortTime(w.watchedFrom)} → ${shortTime(w.watchedUntil)} UTC`, width));
    out.push(...wrap(`peak ${compact(w.peakTokensPerMinute)} tokens in a minute   mean cache hit ratio ${percent(w.meanCacheHitRatio)}   sub-agents spawned ${grouped(w.subagentsSpawned)}, peak ${grouped(w.peakConcurrentSubagents)} at once`, width));
  }

  out.push('');
  out.push(`SESSIONS (${summary.sessions.length})`);
  const recent = [...summary.sessions].sort((a, b) => (b.lastTime ?? '').localeCompare(a.lastTime ?? '')).slice(0, MAX_SESSIONS);
  out.push(...table(SESSION_COLUMNS, recent, width));
  if (summary.sessions.length > MAX_SESSIONS) out.push(`… ${summary.sessions.length - MAX_SESSIONS} more (see --json)`);

  out.push(...quotaSection(summary, width));

  out.push('');
  const notable = summary.anomalies.filter((a) => a.severity !== 'info');
  const l = summary.lamp;
  const quiet = [l.acknowledged > 0 ? `${l.acknowledged} acknowledged` : '', l.history > 0 ? `${l.history} over a week old` : ''].filter((x) => x !== '').join(', ');
  out.push(...wrap(`ANOMALIES (${notable.length} warn or critical, ${summary.anomalies.length - notable.length} info) · lamp ${l.state}${l.lit > 0 ? ` (${l.lit} lit)` : ''}${quiet === '' ? '' : `; ${quiet}`}`, width));
  // The message is what a person takes to support: wrapped, never cut. Narrow, it goes under its
  // time, severity and kind instead of beside them.
  const beside = width >= 90;
  const indent = beside ? 47 : 2;
  const messageWidth = Math.max(20, width - indent);
  for (const a of notable) {
    // How it knows and how old it is, after what was seen; then the id `tokentop evidence --anomaly` takes.
    const age = a.start === null ? '' : `, ${duration(Date.parse(summary.generatedAt) - Date.parse(a.start))} ago`;
    const lines = wrap(`${oneLine(a.message, Number.MAX_SAFE_INTEGER)} (${a.certainty}${age})`, messageWidth);
    // What lights the lamp in capitals; the rest says why it does not (old: over a week; ack: acknowledged).
    const severity = a.standing === 'lit' ? a.severity.toUpperCase() : `${a.standing === 'history' ? 'old' : 'ack'} ${a.severity === 'critical' ? 'crit' : 'warn'}`;
    const head = `${cell(shortTime(a.start), 17)} ${cell(severity, 8)} ${beside ? cell(a.kind, 19) : a.kind}`;
    const [first = '', ...rest] = beside ? lines : ['', ...lines];
    out.push(beside ? `${head} ${first}` : head);
    for (const more of [...rest, ...wrap(`id ${shortAnomalyId(a.id)}`, messageWidth)]) out.push(`${' '.repeat(indent)}${more}`);
  }
  // What to do: once per piece of advice, with the kinds it is for (the same advice repeats across anomalies).
  const advice = new Map<string, Set<string>>();
  for (const a of notable) advice.set(a.advice, (advice.get(a.advice) ?? new Set()).add(a.kind));
  for (const [text, kinds] of advice) out.push(...wrap(`do (${[...kinds].join(', ')}): ${oneLine(text, Number.MAX_SAFE_INTEGER)}`, width - 2).map((line, i) => `${i === 0 ? '' : '  '}${line}`));
  const info = new Map<string, number>();
  for (const a of summary.anomalies) if (a.severity === 'info') info.set(a.kind, (info.get(a.kind) ?? 0) + 1);
  if (info.size > 0) out.push(...wrap(`info: ${[...info].map(([kind, n]) => `${n} ${kind}`).join(', ')} (each with its evidence in --json)`, width));
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
    if (width >= 90) out.push(`${cell(shortTime(limit.time), 17)} ${cell(reset, 28)} ${oneLine(limit.text, Math.max(20, width - 47 - times.length))}${times}`);
    else {
      // Narrow: the message under its time and reset.
      out.push(...wrap(`${cell(shortTime(limit.time), 17)} ${reset}${times}`, width));
      out.push(`  ${oneLine(limit.text, Math.max(10, width - 2))}`);
    }
  }
  return `${out.join('\n')}\n`;
}

interface TokenTableRow {
  readonly label: string;
  readonly totals: TokenTotals;
  readonly project?: string | undefined;
  readonly last?: string | undefined;
}

/**
 * A table of token totals that fits `width`: the label takes what the figures leave, and narrow, the
 * least needed figures go (responses, cache writes, then cache reads) rather than the rows wrapping.
 * With `sessions`, a session's project and last activity too (kept before responses and cache
 * writes, given up before cache reads).
 */
function tokenTable(title: string, rows: readonly TokenTableRow[], width: number, sessions = false): string[] {
  const columns: Column<TokenTableRow>[] = [
    { header: title, width: Math.max(12, Math.min(20, displayWidth(title))), flex: 1, max: 60, value: (r) => r.label },
    ...(sessions
      ? [
          { header: 'project', width: 12, flex: 1, max: 40, drop: 5, path: true, value: (r: TokenTableRow) => r.project ?? '' },
          { header: 'last activity', width: 16, drop: 6, value: (r: TokenTableRow) => (r.last === undefined ? '' : shortTime(r.last)) },
        ]
      : []),
    { header: 'input', width: 8, align: 'right', value: (r) => compact(r.totals.input) },
    { header: 'output', width: 8, align: 'right', value: (r) => compact(r.totals.output) },
    { header: 'cache wr', width: 8, align: 'right', drop: 7, value: (r) => compact(r.totals.cacheCreation) },
    { header: 'cache rd', width: 8, align: 'right', drop: 3, value: (r) => compact(r.totals.cacheRead) },
    { header: 'responses', width: 9, align: 'right', drop: 8, value: (r) => grouped(r.totals.responses) },
    { header: 'cost', width: 10, align: 'right', value: (r) => usd(r.totals.costUSD, r.totals.costComplete) },
  ];
  return table(columns, rows, width);
}

/** Sessions, most recent first: the figures stay, the title and the cache, agents and limits counts give way first. */
const SESSION_COLUMNS: readonly Column<Summary['sessions'][number]>[] = [
  { header: 'last activity', width: 16, value: (s) => shortTime(s.lastTime) },
  { header: 'session', width: 8, drop: 2, value: (s) => shortId(s.id) },
  { header: 'project', width: 10, flex: 2, max: 40, path: true, value: (s) => s.cwd ?? s.project },
  { header: 'title', width: 10, flex: 3, drop: 3, value: (s) => oneLine(s.title ?? '', TITLE_MAX) },
  { header: 'tokens', width: 7, align: 'right', value: (s) => compact(totalTokens(s.totals)) },
  { header: 'cost', width: 9, align: 'right', value: (s) => usd(s.totals.costUSD, s.totals.costComplete) },
  { header: 'cache', width: 6, align: 'right', drop: 4, value: (s) => percent(s.cacheHitRatio) },
  { header: 'agents', width: 6, align: 'right', drop: 5, value: (s) => String(s.subagents.spawned) },
  { header: 'limits', width: 6, align: 'right', drop: 6, value: (s) => String(s.limits) },
];

/** A header and a line per row, in columns fitted to `width`. */
function table<Row>(columns: readonly Column<Row>[], rows: readonly Row[], width: number): string[] {
  const fitted = fitColumns(columns, width, rows);
  return [headerLine(fitted), ...rows.map((r) => rowLine(fitted, r))].map((line) => line.trimEnd());
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
  const kept = i.reportKept === true ? ' · nothing changed: the last report, its clock brought to now' : '';
  return `index: ${grouped(i.unchangedFiles)} files unchanged, ${grouped(i.grownFiles)} read on, ${grouped(i.readFiles)} read whole · ${mib(i.bytesRead)} read${i.threads > 1 ? ` on ${i.threads} threads` : ''} · index ${mib(i.bytes)} (${stripControl(i.path)})${kept}`;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
