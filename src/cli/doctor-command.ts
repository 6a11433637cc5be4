/**
 * `tokentop doctor`: one screen that says, per source, what tokentop sees and what to do. Reads
 * only: config dirs and their transcripts, whether each settings.json records quota readings, the
 * quota record and its last reading, the login the usage endpoint would use (its presence and expiry,
 * never the token), the index, the config file. Exit 0 always: it is a report, not a check.
 */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { duration } from '../metrics/token-math.js';
import { readQuotaRecord } from '../pipeline/read/quota-record-reader.js';
import { INDEX_FILE } from '../pipeline/history/history-index.js';
import { configDirCandidates, isDirectory } from '../sources/config-dirs.js';
import { findTranscripts } from '../sources/find-transcripts.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import { topLevelValue } from '../setup/settings-text.js';
import { recordsReadings } from '../setup/statusline-setup.js';
import type { CommandIO } from './command-io.js';
import { configFilePath } from './config-file.js';
import { cacheDir } from './history-index-option.js';
import { commandHelp, DOCTOR_OPTIONS, parseCommand } from './options.js';

export async function runDoctor(argv: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseCommand(DOCTOR_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(DOCTOR_OPTIONS)}\n`);
    return 0;
  }
  const home = io.env.HOME ?? homedir();
  const now = io.now();
  const todo: string[] = [];
  const out: string[] = [];
  const ago = (t: number): string => `${duration(now - t)} ago`;

  out.push('config dirs');
  const { dirs, fromEnv } = configDirCandidates(io.env, home);
  let setUp = 0;
  let found = 0;
  for (const dir of dirs) {
    if (!(await isDirectory(dir))) {
      out.push(`  ${dir}: not there${fromEnv ? ' (named in CLAUDE_CONFIG_DIR)' : ''}`);
      continue;
    }
    found += 1;
    const transcripts = await findTranscripts([dir]);
    const newest = (await Promise.all(transcripts.files.map((f) => stat(f).then((s) => s.mtimeMs, () => 0)))).reduce((a, b) => Math.max(a, b), 0);
    out.push(`  ${dir}: ${transcripts.files.length} transcript${transcripts.files.length === 1 ? '' : 's'}${newest > 0 ? `, the newest written ${ago(newest)}` : ''}`);
    const statusLine = await settingsStatusLine(join(dir, 'settings.json'));
    if (statusLine.records) setUp += 1;
    out.push(`    settings.json: ${statusLine.words}`);
  }
  if (found === 0) todo.push('no Claude Code config dir here: name one with CLAUDE_CONFIG_DIR, or pass transcript paths to tokentop');
  if (found > 0 && setUp < found) todo.push('run `tokentop setup` to record the quota readings Claude Code gives its statusline (the server readings that judge a lockout)');

  out.push('quota record');
  const recordFile = statuslineStateFile(io.env, home);
  const record = readQuotaRecord(recordFile);
  const last = record.readings.reduce<(typeof record.readings)[number] | undefined>((a, b) => (a === undefined || b.time >= a.time ? b : a), undefined);
  if (!record.counts.found) out.push(`  ${recordFile}: none yet`);
  else {
    const latest = (['5h', '7d'] as const).map((w) => record.readings.filter((r) => r.window === w).at(-1)).filter((r) => r !== undefined);
    const figures = latest.map((r) => `${r.window} ${r.utilization === undefined ? '–' : `${Math.round(r.utilization * 100)}%`}${r.resetAt !== undefined && r.resetAt <= now ? ' (stale: past its reset)' : ''}`).join(', ');
    out.push(`  ${recordFile}: ${record.counts.readings} reading${record.counts.readings === 1 ? '' : 's'}${last === undefined ? '' : `, the last ${ago(last.time)} (${figures})`}${record.counts.malformed > 0 ? `, ${record.counts.malformed} malformed lines` : ''}`);
    const seen = await lastRecordLine(recordFile);
    if (seen !== undefined) out.push(`  the last line: Claude Code ${typeof seen.version === 'string' ? seen.version : 'version not said'}; fields: ${fieldsOf(seen).join(', ')}`);
    if (last !== undefined && now - last.time > 24 * 3_600_000) todo.push('the quota record has no reading from the last day: is Claude Code running with the statusline `tokentop setup` wrote?');
  }

  out.push('usage endpoint (--usage-api)');
  const configDir = io.env.CLAUDE_CONFIG_DIR?.split(',')[0]?.trim() || join(home, '.claude');
  out.push(`  off unless asked; the login it would use: ${await loginWords(join(configDir, '.credentials.json'), now)}`);
  const lastPoll = await readFile(join(dirname(recordFile), 'usage-api.json'), 'utf8').then((t) => JSON.parse(t) as { time?: unknown; outcome?: unknown }, () => undefined);
  if (typeof lastPoll?.time === 'number' && typeof lastPoll.outcome === 'string') out.push(`  last poll ${ago(lastPoll.time)}: ${lastPoll.outcome}`);

  out.push('proxy logs and OTLP');
  out.push('  read when named: --proxy-log PATH (claude-trace or relay JSONL); Claude Code telemetry with serve --otlp-listen 127.0.0.1:4318');

  out.push('index');
  const index = join(cacheDir(io.env, home), INDEX_FILE);
  const indexInfo = await stat(index).catch(() => undefined);
  out.push(`  ${index}: ${indexInfo === undefined ? 'none yet (the first summary or monitor run writes it)' : `${(indexInfo.size / 1024 / 1024).toFixed(1)} MiB, written ${ago(indexInfo.mtimeMs)}`}`);

  out.push('config file');
  const config = configFilePath(io.env, home);
  out.push(`  ${config}: ${(await stat(config).catch(() => undefined)) === undefined ? 'none (flags and defaults only)' : 'read by every command'}`);

  out.push('what to do');
  out.push(...(todo.length === 0 ? ['  nothing: every source tokentop can read is in place'] : todo.map((t) => `  - ${t}`)));
  io.out(`${out.join('\n')}\n`);
  return 0;
}

/** The record's last line, parsed: what the newest reading held. */
async function lastRecordLine(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const parsed = JSON.parse(lines.at(-1) ?? '') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The fields a record line holds, in Claude Code's words where it gave them. */
function fieldsOf(line: Record<string, unknown>): string[] {
  const names: Record<string, string> = { fiveHour: 'rate_limits.five_hour', sevenDay: 'rate_limits.seven_day', spendLimit: 'rate_limits.spend_limit', promptCache: 'prompt_cache', contextWindow: 'context_window', costUSD: 'cost', model: 'model', version: 'version' };
  const known = Object.keys(names).filter((k) => line[k] !== undefined && line[k] !== null).map((k) => names[k] as string);
  const other = line.other;
  const rest = typeof other === 'object' && other !== null ? Object.keys(other).filter((k) => k !== 'truncated' && k !== 'bytes' && k !== 'keys').length : 0;
  return rest > 0 ? [...known, `${rest} more`] : known;
}

async function settingsStatusLine(file: string): Promise<{ records: boolean; words: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { records: false, words: 'none: no statusLine records quota readings' };
  }
  try {
    const span = topLevelValue(text, 'statusLine');
    const value = span === undefined ? undefined : (JSON.parse(text.slice(span.start, span.end)) as { command?: unknown });
    const command = typeof value?.command === 'string' ? value.command : undefined;
    if (command === undefined) return { records: false, words: 'no statusLine command: quota readings are not recorded' };
    return recordsReadings(command) ? { records: true, words: 'its statusLine records quota readings' } : { records: false, words: `its statusLine (${command}) does not record quota readings` };
  } catch {
    return { records: false, words: 'cannot be parsed' };
  }
}

/** Whether the login is there and until when: never the token itself. */
async function loginWords(file: string, now: number): Promise<string> {
  let oauth: { accessToken?: unknown; expiresAt?: unknown } | undefined;
  try {
    oauth = (JSON.parse(await readFile(file, 'utf8')) as { claudeAiOauth?: typeof oauth }).claudeAiOauth;
  } catch {
    return `none at ${file} (on macOS the login is in the keychain, which tokentop does not read)`;
  }
  if (typeof oauth?.accessToken !== 'string') return `${file} holds no claudeAiOauth.accessToken`;
  if (typeof oauth.expiresAt !== 'number') return `${file}: a login, expiry not said`;
  return oauth.expiresAt <= now ? `${file}: expired ${duration(now - oauth.expiresAt)} ago (run claude to refresh it)` : `${file}: valid for ${duration(oauth.expiresAt - now)}`;
}
