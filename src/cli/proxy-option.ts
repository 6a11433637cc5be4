/** `--proxy-log PATH...` for the one-shot commands: read the logs whole into a ledger. */
import { ProxyLedger } from '../metrics/proxy-ledger.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import { ProxyReader } from '../pipeline/read/proxy-reader.js';
import type { ProxySourceCounts } from '../report/summary.js';
import { findProxyLogs } from '../sources/find-proxy-logs.js';
import { UsageError, type CommandIO } from './command-io.js';

export interface LoadedProxyLogs {
  readonly ledger: ProxyLedger;
  readonly sources: ProxySourceCounts;
  /** In file order. */
  readonly events: readonly ProxyRequestEvent[];
}

/** Undefined when no proxy log was named. A missing path is a UsageError; a file of unknown format, one line on stderr. */
export async function loadProxyLogs(patterns: readonly string[], io: CommandIO): Promise<LoadedProxyLogs | undefined> {
  if (patterns.length === 0) return undefined;
  const found = await findProxyLogs(patterns);
  const problem = found.problems[0];
  if (problem !== undefined) throw new UsageError(`cannot read proxy log ${problem.path}: ${problem.message}`);
  const ledger = new ProxyLedger();
  const events: ProxyRequestEvent[] = [];
  const reader = new ProxyReader((event) => {
    ledger.apply(event);
    events.push(event);
  });
  for (const file of found.files) reader.readToEnd(file);
  for (const p of reader.stats.problems) io.err(`tokentop: ${p.path}: ${p.message}\n`);
  return { ledger, sources: reader.stats, events };
}
