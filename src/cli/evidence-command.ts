/** `tokentop evidence [PATH...] (--anomaly ID | --since T [--until T]) --out DIR`: argument handling; the bundle is evidence/write-bundle.ts. */
import { readdir } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Anomaly } from '../detect/anomaly.js';
import { detectAll, detectorInput } from '../detect/detect-all.js';
import { evidencePeriod, writeBundle } from '../evidence/write-bundle.js';
import { loadHistory } from '../pipeline/history/load-history.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { UsageError, type CommandIO } from './command-io.js';
import { defaultPaths } from './default-paths.js';
import { commandHelp, EVIDENCE_OPTIONS } from './options.js';
import { resolveOptions, thresholdsOf, wantsHelp } from './resolve-options.js';
import { loadPrices } from './prices-option.js';
import { matchesAnomalyId } from '../report/anomaly-id.js';
import { loadQuotaSources } from './quota-sources-option.js';
import { timeRange } from './time-arg.js';


export async function runEvidence(argv: readonly string[], io: CommandIO): Promise<number> {
  if (wantsHelp(EVIDENCE_OPTIONS, argv)) {
    io.out(`${commandHelp(EVIDENCE_OPTIONS)}\n`);
    return 0;
  }
  const args = await resolveOptions(EVIDENCE_OPTIONS, argv, io);
  const { values } = args;
  if (values.out === undefined) throw new UsageError('--out DIR is needed: the folder to write the bundle into');
  if ((values.anomaly === undefined) === (values.since === undefined)) throw new UsageError('give --anomaly ID, or --since T (and --until T) for every anomaly of a period');
  const now = io.now();
  const { since, until } = timeRange(['--since', '--until'], [values.since, values.until], now);
  const prices = await loadPrices(values.prices);
  const thresholds = await thresholdsOf(args.thresholds);
  const paths = args.positionals.length > 0 ? args.positionals : await defaultPaths(io);
  const out = resolve(values.out);
  await checkOut(out, [...paths, ...(values['proxy-log'] ?? [])], values.force);

  const found = await findTranscripts(paths);
  const first = found.problems[0];
  if (first !== undefined) throw new UsageError(`cannot read ${first.path}: ${first.message}`);
  const quota = await loadQuotaSources(values, io);
  const history = await loadHistory(found.files);
  const all = detectAll(detectorInput(history.ledger, quota?.ledger, quota?.ledger.quota ?? [], now, thresholds, [], [], prices));
  const anomalies = values.anomaly === undefined ? all.filter((a) => a.start >= (since ?? -Infinity) && a.start < (until ?? Infinity)) : [pick(all, values.anomaly)];
  // An anomaly's period: the 6 hours before it (a 5-hour window and its readings) to an hour after.
  const period =
    values.anomaly === undefined
      ? { from: since ?? Math.min(...anomalies.map((a) => a.start), now), to: until ?? now }
      : evidencePeriod(anomalies);
  const written = await writeBundle({
    anomalies,
    readings: quota?.ledger.quota ?? [],
    period,
    localTokens: (end, windowMs) => history.ledger.usage.tokensIn(end - windowMs, end),
    selection: values.anomaly === undefined ? { since: new Date(period.from).toISOString(), until: new Date(period.to).toISOString() } : { anomaly: values.anomaly },
    out,
    includeContent: values['include-content'],
    redactPaths: values['redact-paths'],
    version: io.version,
    prices: { date: prices.date, source: prices.source },
    now,
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  io.out(`tokentop: evidence of ${written.anomalies} ${written.anomalies === 1 ? 'anomaly' : 'anomalies'}, ${written.lines} lines quoted from ${written.sources} files, ${written.readings} quota readings -> ${written.dir}\n`);
  if (written.changed > 0) io.out(`tokentop: ${written.changed} source files changed while they were read (noted in manifest.json)\n`);
  io.out(`check it: tokentop verify ${written.dir}\n`);
  io.out(`its digest (publish it where the bundle cannot be edited, then check with verify --digest): ${written.digest}\n`);
  return 0;
}

/** The anomaly of that id, or a usage error that lists the known ones. */
function pick(all: readonly Anomaly[], id: string): Anomaly {
  const found = all.find((a) => matchesAnomalyId(a.id, id));
  if (found !== undefined) return found;
  const known = all.slice(-20).map((a) => a.id);
  throw new UsageError(`no anomaly ${JSON.stringify(id)}; ${all.length === 0 ? 'none was found in these transcripts' : `known (${all.length}${all.length > 20 ? ', the last 20' : ''}): ${known.join(', ')}`}`);
}

/** --out: not inside what is read, and empty unless --force. */
async function checkOut(out: string, watched: readonly string[], force: boolean): Promise<void> {
  const inside = watched.map((w) => resolve(w)).find((w) => !relative(w, out).startsWith('..') && !relative(w, out).startsWith('/'));
  if (inside !== undefined) throw new UsageError(`--out ${out} is inside ${inside}, which tokentop reads and never writes to`);
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(new UsageError(`--out ${out}: ${error.message}`))));
  if (entries.length > 0 && !force) throw new UsageError(`--out ${out} is not empty: give another folder, or --force to write into it`);
}
