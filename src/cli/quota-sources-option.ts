/**
 * The server-side sources of the one-shot commands: `--proxy-log PATH...` and the local quota record
 * (read by default; `--statusline-file FILE` names another, `--no-statusline` leaves it out). Their
 * requests and readings go into one ledger: every reading is kept once, with its source.
 */
import { ProxyLedger, type ProxySourceCounts, type QuotaRecordCounts } from '../metrics/proxy-ledger.js';
import type { ProxyRequestEvent } from '../parse/proxy/proxy-events.js';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { readQuotaRecord } from '../pipeline/read/quota-record-reader.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import type { CommandIO } from './command-io.js';
import { loadProxyLogs } from './proxy-option.js';

export interface QuotaSources {
  readonly ledger: ProxyLedger;
  /** When proxy logs were named. */
  readonly sources: ProxySourceCounts | undefined;
  /** When the record was read. */
  readonly record: QuotaRecordCounts | undefined;
  /** The proxy logs' requests, in file order. */
  readonly events: readonly ProxyRequestEvent[];
  /** The record's readings, in file order. */
  readonly readings: readonly QuotaReading[];
}

export interface QuotaSourceFlags {
  readonly 'proxy-log'?: string[] | undefined;
  readonly 'statusline-file'?: string | undefined;
  readonly 'no-statusline'?: boolean | undefined;
}

/** Undefined when there is nothing: no proxy log named and no record found. */
export async function loadQuotaSources(flags: QuotaSourceFlags, io: CommandIO): Promise<QuotaSources | undefined> {
  const proxy = await loadProxyLogs(flags['proxy-log'] ?? [], io);
  const explicit = flags['statusline-file'];
  const record = flags['no-statusline'] === true ? undefined : readQuotaRecord(explicit ?? statuslineStateFile(io.env));
  // A record named by hand that is not there is worth a line; the default one missing is ordinary.
  if (explicit !== undefined && record?.counts.found === false) io.err(`tokentop: no quota record at ${explicit}\n`);
  if (record !== undefined && record.counts.malformed > 0) io.err(`tokentop: ${record.counts.file}: ${record.counts.malformed} broken lines skipped\n`);
  const found = record?.counts.found === true ? record : undefined;
  if (proxy === undefined && found === undefined) return undefined;
  const ledger = proxy?.ledger ?? new ProxyLedger();
  for (const reading of found?.readings ?? []) ledger.addReading(reading);
  return { ledger, sources: proxy?.sources, record: found?.counts, events: proxy?.events ?? [], readings: found?.readings ?? [] };
}
