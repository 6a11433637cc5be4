/**
 * Every command's flags, each defined once: the same table feeds `parseArgs`, the command's
 * `--help`, the main `--help`, and a test that checks the README names the same flags.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './command-io.js';
import { parseMistake } from './parse-mistake.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string | boolean;
  /** The value's placeholder in help, e.g. `FILE`. */
  readonly arg?: string;
  /** One or more sentences; help wraps them. */
  readonly doc: string;
}

export interface CommandSpec {
  /** As typed: '' for the monitor, 'summary', '--demo'... */
  readonly name: string;
  /** What the positionals are, e.g. `[PATH...]`; absent when the command takes none. */
  readonly positionals?: string;
  readonly positionalsDoc?: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
}

const HELP = { type: 'boolean', short: 'h', default: false, doc: 'show this help' } as const;

/** Options several commands share, so their text is written once. */
const PRICES = { type: 'string', arg: 'FILE', doc: 'a JSON price table to add or replace models: {"models":{"claude-opus-5":{"input":5,"output":25}}} (USD per million tokens)' } as const;
const THRESHOLDS = { type: 'string', arg: 'FILE', doc: 'JSON overriding the anomaly detectors\' thresholds, e.g. {"subagentCeiling": 12} (see the README)' } as const;
const PROXY_LOG = { type: 'string', multiple: true, arg: 'PATH', doc: 'a proxy log beside the transcripts (claude-trace or relay JSONL): a file, a dir or a glob; repeatable' } as const;
const SNAPSHOT_DIR = { type: 'string', arg: 'DIR', doc: "where 's' and evidence snapshots write tokentop-snapshot-<time>.json and .txt (default: $XDG_STATE_HOME/tokentop/snapshots; never a watched dir)" } as const;
const SUMMARY_FILE = { type: 'string', arg: 'PATH', doc: 'also write the exit summary there (JSON when PATH ends in .json, else text)' } as const;
const WINDOW = { type: 'string', default: '5m', arg: 'W', doc: "the chart window to start with: 5m, 15m, 1h or 6h ('w' cycles them)" } as const;
const NO_AUTO_SNAPSHOT = { type: 'boolean', default: false, doc: 'do not write a snapshot by itself when a critical anomaly appears' } as const;
const JSON_OUT = { type: 'boolean', short: 'j', default: false, doc: 'print one JSON object instead of tables' } as const;
const STATUSLINE_FILE = { type: 'string', arg: 'FILE', doc: "the local quota record to read (default: the one 'tokentop statusline' writes, $XDG_STATE_HOME/tokentop/statusline.jsonl)" } as const;
const NO_STATUSLINE = { type: 'boolean', default: false, doc: 'leave the local quota record out' } as const;
const WIDTH = { type: 'string', arg: 'N', doc: "fit the text report to N columns (default: the terminal's width; 80 when the output is not a terminal)" } as const;
const OTLP_LISTEN = { type: 'string', arg: 'HOST:PORT', doc: "take Claude Code's own telemetry over OTLP/HTTP there (POST /v1/metrics, /v1/logs; protobuf or JSON), e.g. 127.0.0.1:4318: a third source, source=\"otel\"" } as const;
/** The server-side sources and the tables of the commands that read a history once (or serve it). */
const SOURCE_FLAGS = {
  'proxy-log': PROXY_LOG,
  'statusline-file': STATUSLINE_FILE,
  'no-statusline': NO_STATUSLINE,
  prices: PRICES,
  thresholds: THRESHOLDS,
} as const;
const USAGE_API = { type: 'boolean', default: false, doc: "poll the usage endpoint claude.ai's usage page reads (the dashboard's figure), at most every 3 minutes, with your Claude Code login (~/.claude/.credentials.json, read at each poll, never kept or shown); its readings are source usage-api, compared with the statusline's" } as const;
const NO_CACHE = { type: 'boolean', default: false, doc: 'read every transcript in full, without the index of earlier runs ($XDG_CACHE_HOME/tokentop/history.index), and leave the index as it is' } as const;
const PATHS_DOC =
  'a config dir, its projects/ dir, a project dir, a transcript file, or any dir of .jsonl (searched recursively). Default: the Claude Code config dirs (CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude).';

export const MONITOR_OPTIONS = {
  name: '',
  positionals: '[PATH...]',
  positionalsDoc: `what to watch: ${PATHS_DOC}`,
  summary: 'the live monitor (a terminal is needed)',
  options: {
    backfill: { type: 'string', default: '6h', arg: 'DURATION', doc: 'how much recent history to load behind the first frame (e.g. 30m, 2h, 1d)' },
    window: WINDOW,
    'proxy-log': PROXY_LOG,
    'statusline-file': STATUSLINE_FILE,
    'no-statusline': NO_STATUSLINE,
    'snapshot-dir': SNAPSHOT_DIR,
    'no-auto-snapshot': NO_AUTO_SNAPSHOT,
    thresholds: THRESHOLDS,
    'summary-file': SUMMARY_FILE,
    prices: PRICES,
    metrics: { type: 'string', arg: 'HOST:PORT', doc: "also serve Prometheus metrics at http://HOST:PORT/metrics, as 'tokentop serve' does" },
    'otlp-listen': OTLP_LISTEN,
    'no-cache': NO_CACHE,
    'usage-api': USAGE_API,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const SUMMARY_OPTIONS = {
  name: 'summary',
  positionals: '[PATH...]',
  positionalsDoc: PATHS_DOC,
  summary: 'token, cost, cache, sub-agent, limit and anomaly report of transcripts',
  options: {
    json: JSON_OUT,
    since: { type: 'string', arg: 'T', doc: 'only responses and messages at or after T: an ISO date or time (a date alone is local midnight), epoch seconds, or a duration back from now (90m, 6h, 7d)' },
    until: { type: 'string', arg: 'T', doc: 'only those before T (as --since)' },
    by: { type: 'string', arg: 'P', doc: "totals per period: day, week (ISO), month, session, or block (the 5-hour billing window); 'periods' in --json" },
    csv: { type: 'boolean', default: false, doc: 'with --by: the periods as CSV (one row each) instead of the report' },
    width: WIDTH,
    utc: { type: 'boolean', default: false, doc: "with --by: days, weeks and months in UTC (default: the machine's time zone)" },
    tz: { type: 'string', arg: 'ZONE', doc: 'with --by: days, weeks and months in this IANA time zone (Europe/Paris)' },
    'proxy-log': { ...PROXY_LOG, doc: `${PROXY_LOG.doc}. Adds 'proxy' and its readings to 'quota' in the report.` },
    'statusline-file': STATUSLINE_FILE,
    'no-statusline': NO_STATUSLINE,
    prices: PRICES,
    thresholds: THRESHOLDS,
    'no-cache': NO_CACHE,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const REPLAY_OPTIONS = {
  name: 'replay',
  positionals: 'PATH...',
  positionalsDoc: "recorded transcripts (as for 'tokentop summary')",
  summary: 'recorded transcripts again on their own timeline (max: headless, prints the summary)',
  options: {
    speed: { type: 'string', default: '60', arg: 'N|max', doc: "how many times faster than it happened; '+' and '-' double and halve it. 'max' reads to the end without a screen and prints the summary" },
    from: { type: 'string', arg: 'T', doc: "where on the timeline to start (as 'tokentop summary --since')" },
    to: { type: 'string', arg: 'T', doc: 'where to stop (as --until)' },
    'proxy-log': { ...PROXY_LOG, doc: 'a recorded proxy log to replay with the transcripts (repeatable)' },
    'statusline-file': STATUSLINE_FILE,
    'no-statusline': NO_STATUSLINE,
    'no-skip-idle': { type: 'boolean', default: false, doc: 'replay quiet stretches too (by default a gap of over 15 minutes between events is jumped, but for a minute on each side)' },
    json: { ...JSON_OUT, doc: 'with --speed max, print the summary as JSON' },
    width: WIDTH,
    'snapshot-dir': SNAPSHOT_DIR,
    'summary-file': SUMMARY_FILE,
    prices: PRICES,
    thresholds: THRESHOLDS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const DEMO_OPTIONS = {
  name: '--demo',
  summary: 'the monitor on a generated history (no Claude Code needed); the report when piped',
  options: {
    seed: { type: 'string', default: '1', arg: 'N', doc: 'the generated history\'s seed (the same seed, the same history)' },
    keep: { type: 'boolean', default: false, doc: 'keep the temp dirs it writes to (their path is printed)' },
    skip: { type: 'string', default: '0', arg: 'SECONDS', doc: "start that far into the demo's script (its first part is written at once): --skip 120 shows the counter drop within seconds" },
    json: { ...JSON_OUT, doc: 'write a ten-minute recording at once and print its summary as JSON' },
    width: WIDTH,
    window: WINDOW,
    'snapshot-dir': SNAPSHOT_DIR,
    'no-auto-snapshot': NO_AUTO_SNAPSHOT,
    'summary-file': SUMMARY_FILE,
    thresholds: THRESHOLDS,
    prices: PRICES,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const STATUSLINE_OPTIONS = {
  name: 'statusline',
  positionals: '[-- COMMAND [ARG...]]',
  positionalsDoc: "your own statusline command: run with the same stdin, its output, stderr and exit code passed on (the reading is recorded first). Without one, tokentop prints its own status line.",
  summary: "for Claude Code's statusLine setting: JSON on stdin, the quota reading recorded, one status line out",
  options: { help: HELP },
} as const satisfies CommandSpec;

export const SUBAGENT_STATUS_OPTIONS = {
  name: 'subagent-status',
  positionals: '[-- COMMAND [ARG...]]',
  positionalsDoc: "your own subagentStatusLine command, chained as for statusline (the tasks are recorded first). Without one, tokentop prints a line per task",
  summary: "for Claude Code's subagentStatusLine setting (2.1.205+): its running sub-agents on stdin, recorded, NDJSON {id, content} out",
  options: { help: HELP },
} as const satisfies CommandSpec;

export const SETUP_OPTIONS = {
  name: 'setup',
  positionals: '',
  positionalsDoc: '',
  summary: "wire 'tokentop statusline' into Claude Code's settings.json (chaining the statusLine you have), after showing the change",
  options: {
    'config-dir': { type: 'string', multiple: true, arg: 'DIR', doc: 'the Claude Code config dir to set up; repeatable (default: every one found: CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude)' },
    yes: { type: 'boolean', default: false, doc: 'write without asking (for scripts); without it, setup shows the change and asks on a terminal, and writes nothing elsewhere' },
    undo: { type: 'boolean', default: false, doc: 'put back each settings.json setup changed, byte for byte, from its backup (not one changed since)' },
    help: HELP,
  },
} as const satisfies CommandSpec;

export const DOCTOR_OPTIONS = {
  name: 'doctor',
  positionals: '',
  positionalsDoc: '',
  summary: 'one screen: per source, what tokentop sees (config dirs, the statusline set-up and record, the login for --usage-api, the index) and what to do',
  options: { help: HELP },
} as const satisfies CommandSpec;

export const SERVE_OPTIONS = {
  name: 'serve',
  positionals: '[PATH...]',
  positionalsDoc: "what to watch, as for the monitor",
  summary: 'headless: read like the monitor and serve Prometheus metrics at /metrics',
  options: {
    listen: { type: 'string', default: '127.0.0.1:9477', arg: 'HOST:PORT', doc: "where to serve /metrics (port 0: any free one; the URL is printed). Loopback unless you name another host" },
    'otlp-listen': OTLP_LISTEN,
    backfill: { type: 'string', default: '6h', arg: 'DURATION', doc: 'how much history to count in first (as for the monitor); the counters start from it' },
    ...SOURCE_FLAGS,
    'no-cache': NO_CACHE,
    'usage-api': USAGE_API,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const EVIDENCE_OPTIONS = {
  name: 'evidence',
  positionals: '[PATH...]',
  positionalsDoc: "transcripts, as for 'tokentop summary'",
  summary: 'a folder of evidence for one anomaly or a period, to send to support; checked with verify',
  options: {
    anomaly: { type: 'string', arg: 'ID', doc: "the anomaly's id (from summary --json, or the monitor's detail view)" },
    since: { type: 'string', arg: 'T', doc: "instead of --anomaly: every anomaly starting at or after T (as 'tokentop summary --since')" },
    until: { type: 'string', arg: 'T', doc: 'with --since: and before T' },
    out: { type: 'string', arg: 'DIR', doc: 'the folder to write (made when missing; an existing non-empty one only with --force)' },
    force: { type: 'boolean', default: false, doc: 'write into a non-empty --out' },
    'include-content': { type: 'boolean', default: false, doc: 'keep the messages (prompts, answers, tool output) in the quoted lines; left out by default' },
    'redact-paths': { type: 'boolean', default: false, doc: 'name source files by a stable pseudonym instead of their path' },
    ...SOURCE_FLAGS,
    help: HELP,
  },
} as const satisfies CommandSpec;

export const VERIFY_OPTIONS = {
  name: 'verify',
  positionals: 'DIR',
  positionalsDoc: "a folder 'tokentop evidence' wrote",
  summary: "check an evidence bundle against its sources and its manifest; exit 0 only when everything matches",
  options: {
    against: { type: 'string', multiple: true, arg: 'PATH', doc: 'where the source files are now (a dir searched recursively, or a file); repeatable. Needed for pseudonymous paths' },
    digest: { type: 'string', arg: 'SHA256', doc: "the bundle's digest as published when it was made (verify prints it): the sha256 of manifest.json; what no source vouches for (README.txt, anomalies.json, quota.jsonl) is protected by it alone" },
    help: HELP,
  },
} as const satisfies CommandSpec;

/** In the order the main help lists them. */
export const COMMANDS: readonly CommandSpec[] = [MONITOR_OPTIONS, SUMMARY_OPTIONS, SERVE_OPTIONS, EVIDENCE_OPTIONS, VERIFY_OPTIONS, REPLAY_OPTIONS, STATUSLINE_OPTIONS, SUBAGENT_STATUS_OPTIONS, SETUP_OPTIONS, DOCTOR_OPTIONS, DEMO_OPTIONS];

/** The environment variables tokentop reads, for the main help (the README has the same table). */
export const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  ['CLAUDE_CONFIG_DIR', 'comma-separated config dirs to read (as Claude Code itself uses it)'],
  ['XDG_STATE_HOME', "where 'tokentop statusline' keeps its state file (tokentop/statusline.jsonl)"],
  ['XDG_CONFIG_HOME', 'where the config file is read from (tokentop/config.json; default ~/.config)'],
  ['XDG_CACHE_HOME', 'where the index of transcripts already read is kept (tokentop/history.index; default ~/.cache)'],
  ['TOKENTOP_READ_THREADS=N', "threads a cold 'summary' reads on (default: one per core and per 128 MiB to read, at most 8; 1: one thread)"],
  ['TOKENTOP_INDEX_MAX_MIB=N', 'the bound on the index (default 256): past it, records of files not read in that run go first'],
  ['TOKENTOP_CONFIG=FILE', 'read this config file instead'],
  ['NO_COLOR', 'no colour in the monitor'],
  ['TOKENTOP_DEBUG=1', 'print the stack of an internal error'],
  ['TOKENTOP_REPORT_RSS=1', "print the process's peak RSS on stderr at exit (the benchmark's)"],
  ['TOKENTOP_TIMINGS=FILE', "the monitor writes its time to first frame there at exit (bench:live's)"],
];

/** The nearest command or flag to a typo (cli.ts names a command with it). */
export { closest } from './parse-mistake.js';

/** `parseArgs` over a command's table; a mistake is one line that says what to type instead (exit 2). */
export function parseCommand<const S extends CommandSpec>(spec: S, argv: readonly string[]): ReturnType<typeof parseArgs<{ options: S['options']; allowPositionals: true }>> {
  try {
    return parseArgs({ args: [...argv], options: spec.options, allowPositionals: spec.positionals !== undefined, strict: true }) as ReturnType<typeof parseArgs<{ options: S['options']; allowPositionals: true }>>;
  } catch (error) {
    throw new UsageError(parseMistake(spec, argv, error));
  }
}

/** One command's synopsis: `tokentop summary [PATH...] [--json] [--since T] ...` (help left out). */
export function synopsis(spec: CommandSpec): string {
  const flags = Object.entries(spec.options)
    .filter(([name]) => name !== 'help')
    .map(([name, o]) => `[--${name}${o.arg === undefined ? '' : ` ${o.arg}`}]${o.multiple === true ? '...' : ''}`);
  return ['tokentop', spec.name, spec.positionals ?? '', ...flags].filter((part) => part !== '').join(' ');
}

/** A command's `--help`. */
export function commandHelp(spec: CommandSpec, width = 100): string {
  const lines = [...wrap(`Usage: ${synopsis(spec)}`, width, '', '         '), '', spec.summary, ''];
  if (spec.positionals !== undefined && spec.positionalsDoc !== undefined) lines.push(...entry(spec.positionals, spec.positionalsDoc, width));
  for (const [name, o] of Object.entries(spec.options)) {
    const head = `--${name}${o.short === undefined ? '' : `, -${o.short}`}${o.arg === undefined ? '' : ` ${o.arg}`}`;
    const def = o.default === undefined || o.default === false ? '' : ` (default ${String(o.default)})`;
    lines.push(...entry(head, `${o.doc}${def}`, width));
  }
  return lines.join('\n');
}

/** The main `--help`: every command with its flags, and the environment. */
export function mainHelp(width = 100): string {
  const lines = ['tokentop: a live terminal monitor for Claude Code sessions', '', 'Usage:'];
  for (const spec of COMMANDS) lines.push(...wrap(synopsis(spec), width, '  ', '      '), ...wrap(spec.summary, width, '      ', '      '));
  lines.push('  tokentop --version', '  tokentop --help', '', "Each command's own --help says what every flag does (tokentop --help-monitor for the monitor).", '', 'Environment:');
  for (const [name, doc] of ENVIRONMENT) lines.push(...entry(name, doc, width, '  '));
  return lines.join('\n');
}

const DOC_INDENT = '          ';

function entry(head: string, doc: string, width: number, indent = ''): string[] {
  // A short head shares its line with the doc; a long one gets a line of its own.
  const docIndent = indent + DOC_INDENT;
  if (head.length < DOC_INDENT.length - 1) return wrap(`${indent}${head.padEnd(DOC_INDENT.length)}${doc}`, width, indent, docIndent);
  return [`${indent}${head}`, ...wrap(doc, width, docIndent, docIndent)];
}

/** Word-wrap `text` to `width`, the first line indented by `first`, the rest by `rest`. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const indent = lines.length === 0 ? first : rest;
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${rest}${word}`;
    } else line = line.length > indent.length ? `${line} ${word}` : `${line}${word}`;
  }
  lines.push(line);
  return lines;
}
