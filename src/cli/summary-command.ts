/** `tokentop summary [PATH...]`: argument handling; the history is read once and reported (session/summarize.ts). */
import { jsonText } from '../report/json-text.js';
import { loadHistory } from '../pipeline/history/load-history.js';
import { renderSummaryText } from '../report/summary-text.js';
import { isTimeZone, PERIOD_KINDS, type PeriodKind } from '../report/periods.js';
import { renderPeriodsCsv } from '../report/periods-csv.js';
import { summarizeHistory } from '../session/summarize.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { UsageError, type CommandIO } from './command-io.js';
import { defaultPaths } from './default-paths.js';
import { commandHelp, SUMMARY_OPTIONS } from './options.js';
import { resolveOptions, thresholdsOf, wantsHelp, type ResolvedOptions } from './resolve-options.js';
import { loadPrices } from './prices-option.js';
import { loadQuotaSources } from './quota-sources-option.js';
import { timeRange } from './time-arg.js';
import { widthOption } from './width-option.js';
import { historyIndexOpener, indexSummary, reportIndexTrouble } from './history-index-option.js';

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
  const index = await historyIndexOpener(values['no-cache'], paths, io)?.();
  const history = await loadHistory(found.files, { index, readWorker: io.readWorker, readThreads: io.readThreads });
  reportIndexTrouble(history.index, io);
  const summary = summarizeHistory(history, quota, { prices, since, until, now, version: io.version, thresholds, by });
  if (history.index !== undefined) summary.index = indexSummary(history.index, history.threads ?? 1);
  for (const notice of history.stats.notices) {
    if (notice.kind === 'error') io.err(`tokentop: could not read ${notice.path}: ${notice.message}\n`);
    else if (notice.kind === 'not-a-file') io.err(`tokentop: skipped ${notice.path}: not a regular file (a FIFO, socket or device): not read\n`);
  }
  io.out(values.csv ? renderPeriodsCsv(summary) : values.json ? `${jsonText(summary)}\n` : renderSummaryText(summary, width));
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
