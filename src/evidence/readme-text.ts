/**
 * README.txt of an evidence bundle: in plain words what happened and when (local time and UTC),
 * the figures, and how to check the bundle. Pure: what the bundle holds in, text out.
 */
import type { Anomaly, Evidence } from '../detect/anomaly.js';
import { grouped } from '../report/format.js';
import { oneLine } from '../parse/untrusted-text.js';

export interface ReadmeInput {
  readonly anomalies: readonly Anomaly[];
  readonly readings: number;
  readonly period: { readonly from: number; readonly to: number };
  /** Local tokens in the window before each anomaly that concerns a quota window. */
  readonly localTokens: ReadonlyMap<string, { readonly window: string; readonly tokens: number }>;
  /** Where each quoted line went in the bundle, by `file:line` as the evidence names it (paths as the bundle shows them). */
  readonly quotedIn: ReadonlyMap<string, string>;
  readonly createdAt: number;
  readonly version: string;
  readonly zone: string;
  readonly sources: number;
  readonly lines: number;
}

export function readmeText(input: ReadmeInput): string {
  const when = (t: number): string => (input.zone === 'UTC' || input.zone === 'Etc/UTC' ? `${utcTime(t)} UTC` : `${localTime(t, input.zone)} (${input.zone}) = ${utcTime(t)} UTC`);
  const out: string[] = [];
  out.push('tokentop evidence bundle');
  out.push(`Made ${when(input.createdAt)} by tokentop ${input.version}.`);
  out.push(`It covers ${when(input.period.from)} to ${when(input.period.to)}.`);
  out.push('');
  out.push(input.anomalies.length === 1 ? 'WHAT HAPPENED' : `WHAT HAPPENED (${input.anomalies.length} anomalies)`);
  if (input.anomalies.length === 0) out.push('No anomaly in the period: the bundle holds its quota readings only.');
  for (const a of input.anomalies) {
    out.push('');
    out.push(`${a.severity.toUpperCase()} ${a.kind}, from ${when(a.start)}${a.end === undefined ? ', still going on' : ` to ${when(a.end)}`}${a.sessionId === undefined ? '' : `, session ${oneLine(a.sessionId, 80)}`}:`);
    out.push(`  ${oneLine(a.message, 2000)}`);
    const local = input.localTokens.get(a.id);
    if (local !== undefined) out.push(`  Local tokens in the ${local.window} window before it: ${grouped(local.tokens)} (from the transcripts, each response counted once; usage on claude.ai or another machine is not in them).`);
    out.push('  Evidence:');
    for (const e of a.evidence) out.push(`    ${evidenceLine(e, input, when)}`);
    out.push(`  id: ${a.id}`);
  }
  out.push('');
  out.push('WHAT IS IN THIS FOLDER');
  out.push('  anomalies.json  the anomalies above with all their evidence');
  out.push(`  lines/          the ${grouped(input.lines)} transcript or proxy-log lines the evidence points at, from ${grouped(input.sources)} files:`);
  out.push('                  secrets redacted, control characters escaped, message content left out');
  out.push(`  quota.jsonl     the ${grouped(input.readings)} quota readings of the period, each with its source`);
  out.push('  manifest.json   every source file (path, size, mtime, sha256) and every quoted line');
  out.push('                  (byte offset, length, sha256 of the original bytes), and the sha256 of each file here');
  out.push('');
  out.push('HOW TO CHECK IT');
  out.push('  tokentop verify THIS-FOLDER                  re-hashes the source files and lines the manifest names');
  out.push('  tokentop verify THIS-FOLDER --against DIR    the same, finding the files under DIR (moved, or pseudonymous)');
  out.push('  Without tokentop: a quoted line is `length` bytes at `offset` of its source file, e.g.');
  out.push('    tail -c +$((offset + 1)) FILE | head -c LENGTH | sha256sum');
  out.push('  must print the line\'s sha256 from manifest.json. A source file\'s sha256 is that of its first `size` bytes');
  out.push('  (a log only appended to since still checks): head -c SIZE FILE | sha256sum');
  return `${out.join('\n')}\n`;
}

function evidenceLine(e: Evidence, input: ReadmeInput, when: (t: number) => string): string {
  switch (e.kind) {
    case 'line': {
      const quoted = input.quotedIn.get(`${e.file}:${e.line}`);
      return `line ${e.line} of ${e.file}${quoted === undefined ? '' : ` (quoted in ${quoted})`}: ${oneLine(e.note, 400)}`;
    }
    case 'reading': {
      const used = e.utilization === undefined ? '?' : `${Math.round(e.utilization * 100)}%`;
      const quoted = e.file === undefined || e.line === undefined ? undefined : input.quotedIn.get(`${e.file}:${e.line}`);
      return `${e.source} reading of the ${e.window} window at ${when(e.time)}: ${used}${e.status === undefined ? '' : ` (${e.status})`}${e.resetAt === undefined ? '' : `, reset announced for ${when(e.resetAt)}`}${quoted === undefined ? '' : ` (quoted in ${quoted})`}`;
    }
    case 'figure':
      return `${e.name}: ${grouped(e.value)} (${oneLine(e.note, 200)})`;
  }
}

function utcTime(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

function localTime(t: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(t);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
