/** `tokentop summary [PATH...] [--json] [--since T] [--until T] [--prices FILE] [--proxy-log PATH]... [--thresholds FILE]`. */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { loadHistory } from '../pipeline/load-history.js';
import { renderSummaryText } from '../report/summary-text.js';
import { discoverConfigDirs } from '../sources/config-dirs.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { UsageError, type CommandIO } from './command-io.js';
import { loadPrices } from './prices-option.js';
import { summarizeHistory } from './summarize.js';
import { loadThresholds } from './thresholds-option.js';
import { loadProxyLogs } from './proxy-option.js';
import { timeOption } from './time-arg.js';

export const SUMMARY_USAGE = `Usage: tokentop summary [PATH...] [--json] [--since T] [--until T] [--prices FILE] [--proxy-log PATH]... [--thresholds FILE]

PATH      a config dir, its projects/ dir, a project dir, a transcript file, or any dir of .jsonl
          (searched recursively). Default: the Claude Code config dirs (CLAUDE_CONFIG_DIR, else
          ~/.config/claude and ~/.claude).
--json    print one JSON object instead of tables
--since T / --until T
          only responses and messages in [since, until): an ISO date or time (a date alone is
          local midnight), epoch seconds, or a duration back from now (90m, 6h, 7d)
--proxy-log PATH
          a proxy log to read beside the transcripts (claude-trace or relay JSONL): a file, a dir,
          or a glob of files; repeat for more. Adds 'proxy' and 'quota' to the report.
--prices FILE
          a JSON price table to add or replace models: {"models":{"claude-opus-5":{"input":5,"output":25}}}
--thresholds FILE
          JSON overriding the anomaly detectors' thresholds, e.g. {"subagentCeiling": 12} (see the README)`;

export async function runSummary(argv: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      since: { type: 'string' },
      until: { type: 'string' },
      prices: { type: 'string' },
      thresholds: { type: 'string' },
      'proxy-log': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(`${SUMMARY_USAGE}\n`);
    return 0;
  }
  const now = io.now();
  const since = timeOption('--since', values.since, now);
  const until = timeOption('--until', values.until, now);
  const prices = await loadPrices(values.prices);
  const thresholds = await loadThresholds(values.thresholds);

  const paths = positionals.length > 0 ? positionals : await defaultPaths(io);
  const found = await findTranscripts(paths);
  const first = found.problems[0];
  if (first !== undefined) throw new UsageError(`cannot read ${first.path}: ${first.message}`);
  for (const w of found.warnings) io.err(`tokentop: skipped ${w.path}: ${w.message}\n`);

  const proxy = await loadProxyLogs(values['proxy-log'] ?? [], io);
  const history = await loadHistory(found.files);
  const summary = summarizeHistory(history, { prices, since, until, now, version: io.version, proxy, thresholds });
  for (const notice of history.stats.notices) {
    if (notice.kind === 'error') io.err(`tokentop: could not read ${notice.path}: ${notice.message}\n`);
  }
  io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummaryText(summary, io.columns));
  return 0;
}

async function defaultPaths(io: CommandIO): Promise<string[]> {
  const dirs = await discoverConfigDirs(io.env, homedir());
  if (dirs.found.length === 0) {
    const looked = dirs.missing.join(', ');
    throw new UsageError(`no Claude Code config dir found (looked in ${looked}); set CLAUDE_CONFIG_DIR or pass a PATH`);
  }
  return dirs.found;
}
