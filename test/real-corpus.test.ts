/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   The oracle reads lines as untyped JSON on purpose: it must not share tokentop's schemas. */
/**
 * Conformance on the real corpus (../shared/data/real, when present): our summary against an
 * independent oracle that JSON.parses every line, with no pre-filter and no schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_NEEDLES } from '../src/parse/line-needles.js';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { BUNDLED_PRICES } from '../src/pricing/price-table.js';
import { summarizeHistory } from '../src/session/summarize.js';
import type { Summary } from '../src/report/summary.js';
import { renderSummaryText } from '../src/report/summary-text.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';

interface Oracle {
  files: number;
  lines: number;
  totals: { input: number; output: number; cacheCreation: number; cacheRead: number; responses: number };
  /** Invalid lines that are unframed or hold a needle: the ones tokentop promises to count. */
  countableMalformed: number;
  invalid: number;
  limitKeys: Set<string>;
  limitsWithReset: Set<string>;
  /** Busy runs of 3+ requests in one thread that wrote 20k+ to the cache and read under 5%. */
  cascades: number;
}

interface Seen {
  time: number;
  thread: string;
  usage: number[];
}

/** Cascades as the cache detector defines them (busy requests that write the whole context again), worked out on the oracle's own responses. */
function cascadesIn(responses: Iterable<Seen>): number {
  const threads = new Map<string, Seen[]>();
  for (const r of responses) threads.set(r.thread, [...(threads.get(r.thread) ?? []), r]);
  let cascades = 0;
  for (const list of threads.values()) {
    list.sort((a, b) => a.time - b.time);
    let run = 0;
    list.forEach((r, i) => {
      const [, , write = 0, read = 0] = r.usage;
      const previous = list[i - 1];
      const busyRewrite = previous !== undefined && r.time - previous.time <= 5 * 60_000 && write >= 20_000 && read <= 0.05 * (write + read);
      run = busyRewrite ? run + 1 : 0;
      if (run === 3) cascades += 1;
    });
  }
  return cascades;
}

const LIMIT_START = /^(Claude AI usage limit reached\|\d+|You've hit your|You're out of|API Error: Rate limit reached)/;

function oracle(files: readonly string[]): Oracle {
  const responses = new Map<string, Seen>();
  const o: Oracle = { files: files.length, lines: 0, totals: { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0 }, countableMalformed: 0, invalid: 0, limitKeys: new Set(), limitsWithReset: new Set(), cascades: 0 };
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((line, i) => {
      o.lines += 1;
      if (line === '') return;
      let v: Record<string, any>;
      try {
        v = JSON.parse(line) as Record<string, any>;
      } catch {
        o.invalid += 1;
        const t = line.trim();
        if (!(t.startsWith('{') && t.endsWith('}')) || TRANSCRIPT_NEEDLES.some((n) => line.includes(n))) o.countableMalformed += 1;
        return;
      }
      if (v.type === 'summary' && typeof v.summary === 'string' && /^Claude AI usage limit reached\|\d+/.test(v.summary)) {
        o.limitKeys.add(v.leafUuid ?? `${file}#${i + 1}`);
        o.limitsWithReset.add(v.leafUuid ?? `${file}#${i + 1}`);
      }
      if (v.type !== 'assistant' || typeof v.message !== 'object' || v.message === null) return;
      const m = v.message;
      if (m.model === '<synthetic>' || v.isApiErrorMessage === true) {
        const text: string | undefined = typeof m.content === 'string' ? m.content : m.content?.find((b: any) => b?.type === 'text')?.text;
        if (text !== undefined && LIMIT_START.test(text)) {
          const key = v.uuid ?? m.id;
          o.limitKeys.add(key);
          if (/resets|\|\d+/.test(text)) o.limitsWithReset.add(key);
        }
        return;
      }
      if (!m.usage) return;
      const key = m.id ?? v.requestId ?? `${file}#${i + 1}`;
      const u = [m.usage.input_tokens ?? 0, m.usage.output_tokens ?? 0, m.usage.cache_creation_input_tokens ?? 0, m.usage.cache_read_input_tokens ?? 0];
      const known = responses.get(key);
      const time = Date.parse(v.timestamp);
      const thread = `${v.sessionId}/${v.isSidechain === true ? (v.agentId ?? file) : 'main'}`;
      if (known === undefined) responses.set(key, { time, thread, usage: u });
      else known.usage = known.usage.map((x, k) => Math.max(x, u[k] ?? 0));
    });
  }
  o.cascades = cascadesIn(responses.values());
  for (const [input, output, cacheCreation, cacheRead] of [...responses.values()].map((r) => r.usage)) {
    o.totals.input += input ?? 0;
    o.totals.output += output ?? 0;
    o.totals.cacheCreation += cacheCreation ?? 0;
    o.totals.cacheRead += cacheRead ?? 0;
    o.totals.responses += 1;
  }
  return o;
}

describe.skipIf(!hasRealCorpus)('real corpus (../shared/data/real/transcripts)', () => {
  let summary: Summary;
  let truth: Oracle;
  let errors: number;

  it('reads every file without a crash or an error notice', async () => {
    const { files, problems, warnings } = await findTranscripts([REAL_TRANSCRIPTS]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    const history = await loadHistory(files);
    errors = history.stats.notices.filter((n) => n.kind === 'error').length;
    summary = summarizeHistory(history, undefined, { prices: BUNDLED_PRICES, now: 0, version: 'test' });
    truth = oracle(files);
    expect(errors).toBe(0);
    expect(summary.sources.files).toBe(truth.files);
    expect(summary.sources.lines).toBe(truth.lines);
  });

  it('totals follow the counting rule exactly', () => {
    expect(summary.totals).toMatchObject(truth.totals);
    expect(truth.totals.responses).toBeGreaterThan(2000);
  });

  it('counts every malformed line that could carry an event, and no valid line', () => {
    expect(summary.sources.malformed).toBe(truth.countableMalformed);
    expect(summary.sources.malformed).toBeLessThanOrEqual(truth.invalid);
    expect(summary.sources.partialLines).toBe(2);
  });

  it('lists every limit message, with its reset time when the text has one', () => {
    const listed = summary.limits;
    expect(listed.length).toBe(truth.limitKeys.size);
    const withReset = listed.filter((l) => l.resetAt !== null);
    expect(withReset.length).toBe(truth.limitsWithReset.size);
    for (const l of withReset) expect(Date.parse(l.resetAt as string)).toBeGreaterThan(l.time === null ? 0 : Date.parse(l.time));
  });

  it('lights the indicator where the real data shows an incident, and only there', () => {
    const byKind = (kind: string) => summary.anomalies.filter((a) => a.kind === kind);
    const lineOf = (file: string, line: number): any => JSON.parse(readFileSync(file, 'utf8').split('\n')[line - 1] as string);

    // Every limit message belongs to one limit-hit (one per lockout: the same limit and reset), as a
    // line of its evidence or counted among its "more messages"; each line holds the text it names.
    const hits = byKind('limit-hit');
    expect(hits.length).toBeLessThan(truth.limitKeys.size);
    const counted = hits.reduce((n, a) => n + a.evidence.reduce((m, e) => m + (e.kind === 'line' ? 1 : e.kind === 'figure' && e.name === 'more messages of this lockout' ? e.value : 0), 0), 0);
    expect(counted).toBe(truth.limitKeys.size);
    for (const a of hits) {
      const e = a.evidence[0];
      expect(e?.kind === 'line' && JSON.stringify(lineOf(e.file, e.line)).includes(JSON.stringify(e.note).slice(1, 20))).toBe(true);
    }

    // The real retry storms: each one five or more api_error lines within minutes; one outage across
    // sessions is one anomaly (its session is then undefined), and it says what the errors mean.
    const storms = byKind('retry-storm');
    expect(storms.length).toBeGreaterThan(0);
    for (const storm of storms) {
      const lines = storm.evidence.map((e) => (e.kind === 'line' ? lineOf(e.file, e.line) : undefined));
      expect(lines.length).toBeGreaterThanOrEqual(5);
      expect(lines.every((l) => l?.subtype === 'api_error' && (storm.sessionId === null || l.sessionId === storm.sessionId))).toBe(true);
      expect(storm.message).toMatch(/: (Claude Code could not reach the API|requests timed out|the lines do not say why)(, then the API refused the credentials)?$/);
    }
    // Nothing critical without a server reading: transcripts alone carry none.
    expect(summary.anomalies.filter((a) => a.severity === 'critical')).toEqual([]);

    // No quota counter in transcripts, and no cascade by the oracle's own count: neither may fire.
    expect(truth.cascades).toBe(0);
    expect(byKind('cache-miss-cascade')).toEqual([]);
    expect(byKind('counter-reset')).toEqual([]);
  });

  it('lists each limit message once in the text report, with how many copies there were', () => {
    const text = renderSummaryText(summary, 120);
    expect(text).toContain(`LIMITS (${summary.limits.length} messages, 9 distinct)`);
    expect(text).toMatch(/Claude AI usage limit reached\|1755212400 \(x24\)/);
  });
});
