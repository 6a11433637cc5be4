/** `tokentop summary [PATH...]`: argument handling; the history is read once and reported (session/summarize.ts). */
import { jsonText } from '../report/json-text.js';
import { isTimeZone, PERIOD_KINDS, type PeriodKind } from '../report/periods.js';
import { renderPeriodsCsv } from '../report/periods-csv.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { UsageError, type CommandIO } from './command-io.js';
import { defaultPaths } from './default-paths.js';
import { commandHelp, SUMMARY_OPTIONS } from './options.js';
import { resolveOptions, thresholdsOf, wantsHelp, type ResolvedOptions } from './resolve-options.js';
import { loadPrices } from './prices-option.js';
import { loadQuotaSources, type QuotaSources } from './quota-sources-option.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Thresholds } from '../detect/thresholds.js';
import type { PriceTable } from '../pricing/price-table.js';
import type { Summary } from '../report/summary.js';
import { timeRange } from './time-arg.js';
import { widthOption } from './width-option.js';
import { buildId, cacheDir, historyIndexOpener, indexSummary, reportIndexTrouble } from './history-index-option.js';
import { loadReport, reportKey, saveReport } from './report-checkpoint.js';
import { COLLECT_AFTER_BYTES, collectGarbage } from './small-heap.js';

export async function runSummary(argv: readonly string[], io: CommandIO): Promise<number> {
  if (wantsHelp(SUMMARY_OPTIONS, argv)) {
    io.out(`${commandHelp(SUMMARY_OPTIONS)}\n`);
    return 0;
  }
  return summarize(await resolveOptions(SUMMARY_OPTIONS, argv, io), io);
}

/** The report of a history, for the summary's typed flags (the demo's too). */
export async function summarize({ values, positionals, thresholds: thresholdsFrom }: ResolvedOptions<typeof SUMMARY_OPTIONS>, io: CommandIO): Promise<number> {
  const width = widthOption(values.width, io.columns);
  const now = io.now();
  const { since, until } = timeRange(['--since', '--until'], [values.since, values.until], now);
  const by = periodOption(values);
  const prices = await loadPrices(values.prices);
  const thresholds = await thresholdsOf(thresholdsFrom);

  const paths = positionals.length > 0 ? positionals : await defaultPaths(io);
  const found = await findTranscripts(paths);
  const first = found.problems[0];
  if (first !== undefined) throw new UsageError(`cannot read ${first.path}: ${first.message}`);
  for (const w of found.warnings) io.err(`tokentop: skipped ${w.path}: ${w.message}\n`);

  const quota = await loadQuotaSources(values, io);
  const opener = historyIndexOpener(values['no-cache'], paths, io);
  // The last report, when nothing it was built from changed (cli/report-checkpoint.ts).
  const dir = cacheDir(io.env);
  // The index is part of the key: one changed or broken since the report was kept is read as before.
  const keyNow = (): string | undefined => (opener === undefined ? undefined : reportKey(found.files, { ...reportMaterial(io.version, { since, until, by, prices, thresholds, quota }), index: filePrint(join(dir, 'history.index')) }));
  const key = keyNow();
  const kept = key === undefined ? undefined : loadReport(dir, key, now);
  const summary = kept === undefined ? await readAndSummarize() : withKeptIndex(kept, dir, found.files.length);
  async function readAndSummarize(): Promise<Summary> {
    // Loaded only when the history is read: a kept report needs neither the readers nor the detectors.
    const [{ loadHistory }, { summarizeHistory }] = await Promise.all([import('../pipeline/history/load-history.js'), import('../session/summarize.js')]);
    // The index is not held past the read: its records (30 MB at 4 GiB) are free before the report is built.
    const history = await loadHistory(found.files, { index: await opener?.(), readWorker: io.readWorker, readThreads: io.readThreads });
    // What the read left behind goes before the report's own peak (cli/small-heap.ts).
    if (history.stats.bytes >= COLLECT_AFTER_BYTES) collectGarbage();
    reportIndexTrouble(history.index, io);
    const built = summarizeHistory(history, quota, { prices, since, until, now, version: io.version, thresholds, by });
    if (history.index !== undefined) built.index = indexSummary(history.index, history.threads ?? 1);
    for (const notice of history.stats.notices) {
      if (notice.kind === 'error') io.err(`tokentop: could not read ${notice.path}: ${notice.message}\n`);
      else if (notice.kind === 'not-a-file') io.err(`tokentop: skipped ${notice.path}: not a regular file (a FIFO, socket or device): not read\n`);
    }
    // A report with a file it could not read is not kept: the next run says so again.
    // Kept under the key of the index as this run left it.
    const after = keyNow();
    if (after !== undefined && history.stats.notices.length === 0) saveReport(dir, after, built);
    return built;
  }
  if (values.csv) io.out(renderPeriodsCsv(summary));
  else if (values.json) io.out(`${jsonText(summary)}\n`);
  else {
    // The text renderer is loaded only for text: its display widths (string-width: an Intl.Segmenter
    // and an emoji regex built at load) cost ~43 ms that `--json` and `--csv` never use.
    const { renderSummaryText } = await import('../report/summary-text.js');
    io.out(renderSummaryText(summary, width));
  }
  return 0;
}

/** --by, and the zone its calendar periods are cut in (--utc, --tz, or the machine's). */
function periodOption(values: { by?: string | undefined; csv: boolean; utc: boolean; tz?: string | undefined; json: boolean }): { kind: PeriodKind; zone: string } | undefined {
  if (values.by === undefined) {
    if (values.csv || values.utc || values.tz !== undefined) throw new UsageError(`--${values.csv ? 'csv' : values.utc ? 'utc' : 'tz'} goes with --by (day, week, month, session or block)`);
    return undefined;
  }
  const kind = PERIOD_KINDS.find((k) => k === values.by);
  if (kind === undefined) throw new UsageError(`--by ${values.by}: expected one of ${PERIOD_KINDS.join(', ')}`);
  if (values.csv && values.json) throw new UsageError('--csv and --json: choose one');
  if (values.utc && values.tz !== undefined) throw new UsageError('--utc and --tz: choose one');
  if (values.tz !== undefined && !isTimeZone(values.tz)) throw new UsageError(`--tz ${values.tz}: not a time zone this system knows (an IANA name, e.g. Europe/Paris)`);
  const zone = values.utc ? 'UTC' : (values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return { kind, zone };
}

/** What a report is built from besides the transcripts: the build, the options, the quota sources' readings and requests. */
function reportMaterial(version: string, o: { since: number | undefined; until: number | undefined; by: unknown; prices: PriceTable; thresholds: Thresholds; quota: QuotaSources | undefined }): Record<string, unknown> {
  const q = o.quota;
  return {
    build: buildId(version),
    range: [o.since ?? null, o.until ?? null],
    by: o.by ?? null,
    prices: { date: o.prices.date, source: o.prices.source, models: [...o.prices.models] },
    thresholds: o.thresholds,
    quota: q === undefined ? null : { sources: q.sources ?? null, record: q.record ?? null, readings: q.readings, requests: q.events.length, lastRequest: q.events.at(-1)?.time ?? null },
  };
}

/** The kept report, said to be one: every file unchanged, nothing read. */
function withKeptIndex(summary: Summary, dir: string, files: number): Summary {
  const path = join(dir, 'history.index');
  let bytes = 0;
  try {
    bytes = statSync(path).size;
  } catch {
    bytes = 0;
  }
  return { ...summary, index: { path, unchangedFiles: files, grownFiles: 0, readFiles: 0, bytesRead: 0, threads: 1, bytes, files, rebuilt: null, reportKept: true } };
}

/** A file's identity and size, or null when there is none. */
function filePrint(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}
