/**
 * Writes an evidence bundle (README.txt, anomalies.json, lines/, quota.jsonl, manifest.json) into
 * `out`: the anomalies given, the lines their evidence points at (read from the source files, with
 * their offsets and hashes), the quota readings of the period. The caller chose the anomalies and
 * the folder (never inside a watched dir).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Anomaly, Evidence } from '../detect/anomaly.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { jsonText } from '../report/json-text.js';
import { MANIFEST_FORMAT, type Manifest } from './manifest.js';
import { readmeText } from './readme-text.js';
import { redactLine } from './redact-line.js';
import { readSourceFile, type SourceFileRecord } from './source-file.js';

export interface BundleInput {
  readonly anomalies: readonly Anomaly[];
  /** Every quota reading the caller holds: those of the period go in quota.jsonl. */
  readonly readings: readonly QuotaReading[];
  readonly period: { readonly from: number; readonly to: number };
  /** Local tokens (by the counting rule) in (end - windowMs, end]. */
  readonly localTokens: (end: number, windowMs: number) => number;
  readonly selection: Manifest['selection'];
  readonly out: string;
  readonly includeContent: boolean;
  readonly redactPaths: boolean;
  readonly version: string;
  readonly prices: { readonly date: string; readonly source: string };
  readonly now: number;
  /** The zone README.txt gives local times in. */
  readonly zone: string;
}

export interface WrittenBundle {
  readonly dir: string;
  readonly anomalies: number;
  readonly lines: number;
  readonly sources: number;
  readonly readings: number;
  /** Sources that changed while they were read (noted in the manifest). */
  readonly changed: number;
  /** sha256 of manifest.json: published elsewhere, it protects what no source vouches for (verify --digest). */
  readonly digest: string;
}

/**
 * The period a bundle of these anomalies covers: from 6 hours before the first (a 5-hour window and
 * the readings before it) to an hour after the last one ends. One rule for `tokentop evidence
 * --anomaly` and the monitor's `e`.
 */
export function evidencePeriod(anomalies: readonly Anomaly[]): { from: number; to: number } {
  return { from: Math.min(...anomalies.map((a) => a.start)) - 6 * HOUR, to: Math.max(...anomalies.map((a) => a.end ?? a.start)) + HOUR };
}

const HOUR = 3_600_000;

const WINDOW_MS: Record<string, number> = { '5h': 5 * 3_600_000, '7d': 7 * 86_400_000 };
const LOCKOUT_KINDS = new Set(['premature-lockout', 'limit-hit', 'counter-reset', 'stuck-after-reset', 'reset-moved']);

export async function writeBundle(input: BundleInput): Promise<WrittenBundle> {
  const wanted = new Map<string, Set<number>>();
  for (const a of input.anomalies) {
    for (const ref of lineRefs(a.evidence)) {
      const lines = wanted.get(ref.file) ?? new Set<number>();
      wanted.set(ref.file, lines.add(ref.line));
    }
  }

  const records: Array<{ id: string; shown: string; record: SourceFileRecord }> = [];
  let i = 0;
  for (const [file, lines] of [...wanted].sort((a, b) => a[0].localeCompare(b[0]))) {
    i += 1;
    records.push({ id: `s${i}`, shown: input.redactPaths ? pseudonym(file) : file, record: await readOrMissing(file, lines) });
  }
  const shownPath = (path: string): string => records.find((r) => r.record.path === path)?.shown ?? (input.redactPaths ? pseudonym(path) : path);

  await mkdir(join(input.out, 'lines'), { recursive: true });
  const files = new Map<string, string>();
  const quotedIn = new Map<string, string>();
  const manifestLines: Manifest['lines'] = [];
  for (const { id, shown, record } of records) {
    const name = `lines/${id}-${basename(shown).replace(/[^\w.-]/g, '_')}`;
    const sorted = [...record.lines].sort((a, b) => a.line - b.line);
    sorted.forEach((l, k) => {
      quotedIn.set(`${shown}:${l.line}`, `${name}:${k + 1}`);
      manifestLines.push({ source: id, line: l.line, offset: l.offset, length: l.length, sha256: l.sha256, quotedIn: `${name}:${k + 1}` });
    });
    files.set(name, sorted.map((l) => `${redactLine(l.text, input.includeContent)}\n`).join(''));
  }

  const readings = input.readings.filter((q) => q.time >= input.period.from && q.time <= input.period.to).sort((a, b) => a.time - b.time);
  files.set('quota.jsonl', readings.map((q) => `${jsonText(readingRecord(q, shownPath), 0)}\n`).join(''));
  files.set('anomalies.json', `${jsonText(input.anomalies.map((a) => anomalyRecord(a, shownPath)))}\n`);
  const localTokens = new Map<string, { window: string; tokens: number }>();
  for (const a of input.anomalies) {
    if (!LOCKOUT_KINDS.has(a.kind)) continue;
    const window = a.evidence.some((e) => e.kind === 'reading' && e.window === '7d') || /weekly|7-day|7d/.test(a.message) ? '7d' : '5h';
    localTokens.set(a.id, { window: window === '7d' ? '7-day' : '5-hour', tokens: input.localTokens(a.start, WINDOW_MS[window] ?? 0) });
  }
  files.set(
    'README.txt',
    readmeText({
      anomalies: input.anomalies.map((a) => anomalyWithPaths(a, shownPath)),
      readings: readings.length,
      period: input.period,
      localTokens,
      quotedIn,
      createdAt: input.now,
      version: input.version,
      zone: input.zone,
      sources: records.length,
      lines: manifestLines.length,
    }),
  );
  for (const [name, text] of files) await writeFile(join(input.out, name), text);

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    tool: 'tokentop',
    version: input.version,
    createdAt: new Date(input.now).toISOString(),
    prices: { date: input.prices.date, source: input.prices.source },
    selection: input.selection,
    redactPaths: input.redactPaths,
    includeContent: input.includeContent,
    sources: records.map(({ id, shown, record }) => ({ id, path: shown, pseudonym: input.redactPaths, size: record.size, mtime: record.mtime, sha256: record.sha256, changedDuringRun: record.changedDuringRun, missingLines: [...record.missing] })),
    lines: manifestLines,
    files: [...files].map(([path, text]) => ({ path, sha256: sha256(text) })).sort((a, b) => a.path.localeCompare(b.path)),
  };
  const manifestText = `${jsonText(manifest)}\n`;
  await writeFile(join(input.out, 'manifest.json'), manifestText);
  return { dir: input.out, anomalies: input.anomalies.length, lines: manifestLines.length, sources: records.length, readings: readings.length, changed: records.filter((r) => r.record.changedDuringRun).length, digest: sha256(manifestText) };
}

/** The lines an anomaly's evidence points at: its line evidence, and the lines its readings came from. */
function lineRefs(evidence: readonly Evidence[]): Array<{ file: string; line: number }> {
  return evidence.flatMap((e) => (e.kind === 'line' ? [{ file: e.file, line: e.line }] : e.kind === 'reading' && e.file !== undefined && e.line !== undefined ? [{ file: e.file, line: e.line }] : []));
}

/** A stable name for a path that does not say it: `source-<12 hex of its sha256>.jsonl`. */
function pseudonym(path: string): string {
  return `source-${sha256(path).slice(0, 12)}${extname(path)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readOrMissing(file: string, lines: ReadonlySet<number>): Promise<SourceFileRecord> {
  try {
    return await readSourceFile(file, lines);
  } catch {
    // Gone since it was read: the manifest says which lines could not be quoted.
    return { path: file, size: 0, mtime: new Date(0).toISOString(), sha256: sha256(''), changedDuringRun: true, lines: [], missing: [...lines].sort((a, b) => a - b) };
  }
}

function anomalyWithPaths(a: Anomaly, shownPath: (p: string) => string): Anomaly {
  return { ...a, evidence: a.evidence.map((e) => (e.kind === 'line' || (e.kind === 'reading' && e.file !== undefined) ? { ...e, file: shownPath(e.file as string) } : e)) };
}

function anomalyRecord(a: Anomaly, shownPath: (p: string) => string): unknown {
  const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());
  const shown = anomalyWithPaths(a, shownPath);
  return { ...shown, start: iso(a.start), end: iso(a.end), evidence: shown.evidence.map((e) => (e.kind === 'reading' ? { ...e, time: iso(e.time), resetAt: iso(e.resetAt) } : e)) };
}

function readingRecord(q: QuotaReading, shownPath: (p: string) => string): unknown {
  const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());
  return { time: iso(q.time), window: q.window, utilization: q.utilization ?? null, status: q.status ?? null, resetAt: iso(q.resetAt), remaining: q.remaining ?? null, limit: q.limit ?? null, source: q.source, ...(q.origin === undefined ? {} : { file: shownPath(q.origin.file), line: q.origin.line }) };
}
