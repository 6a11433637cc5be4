/**
 * Defaults from a config file, `$XDG_CONFIG_HOME/tokentop/config.json` (or ~/.config/…; the
 * TOKENTOP_CONFIG variable names another): the window, backfill, thresholds, prices, snapshot dir
 * and quota record a person always passes. A flag on the command line wins over it. The file is
 * validated whole, with one line naming the file and the key that is wrong; a missing file is none.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import './zod-messages.js';
import { UsageError, type CommandIO } from './command-io.js';
import type { CommandSpec } from './options.js';

const configSchema = z.strictObject({
  window: z.optional(z.enum(['5m', '15m', '1h', '6h'])),
  backfill: z.optional(z.string()),
  /** A thresholds file, or the thresholds themselves. */
  thresholds: z.optional(z.union([z.string(), z.record(z.string(), z.number())])),
  prices: z.optional(z.string()),
  snapshotDir: z.optional(z.string()),
  autoSnapshot: z.optional(z.boolean()),
  statusline: z.optional(z.boolean()),
  statuslineFile: z.optional(z.string()),
  usageApi: z.optional(z.boolean()),
});

export type ConfigFile = z.infer<typeof configSchema>;

/** The flag each key stands for; a boolean key set to false becomes the `--no-…` flag. */
const FLAGS: Record<keyof ConfigFile, string> = {
  window: 'window',
  backfill: 'backfill',
  thresholds: 'thresholds',
  prices: 'prices',
  snapshotDir: 'snapshot-dir',
  autoSnapshot: 'no-auto-snapshot',
  statusline: 'no-statusline',
  statuslineFile: 'statusline-file',
  usageApi: 'usage-api',
};
const PATH_KEYS: ReadonlySet<keyof ConfigFile> = new Set(['prices', 'snapshotDir', 'statuslineFile', 'thresholds']);

export function configFilePath(env: NodeJS.ProcessEnv, home = homedir()): string {
  if (env.TOKENTOP_CONFIG !== undefined && env.TOKENTOP_CONFIG !== '') return env.TOKENTOP_CONFIG;
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'tokentop', 'config.json');
}

/** The config file's settings, paths in it resolved against its dir; {} when there is none. */
export async function loadConfigFile(io: CommandIO): Promise<{ file: string; config: ConfigFile } | undefined> {
  const file = configFilePath(io.env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read config file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    const known = Object.keys(FLAGS).join(', ');
    const why = issue?.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (known: ${known})` : `${key}: ${issue?.message ?? 'invalid'}`;
    throw new UsageError(`config file ${file}: ${why}`);
  }
  const config: Record<string, unknown> = { ...parsed.data };
  for (const key of PATH_KEYS) {
    const value = config[key];
    if (typeof value === 'string') config[key] = expandPath(value, dirname(file));
  }
  return { file, config: config };
}

/**
 * `values` with the config's settings for the flags `spec` has and `argv` did not give. Inline
 * thresholds come back in `inlineThresholds` (a flag names a file; the config may hold the numbers).
 */
export function withConfig<V extends Record<string, unknown>>(spec: CommandSpec, argv: readonly string[], values: V, loaded: { config: ConfigFile } | undefined): { values: V; inlineThresholds: Record<string, number> | undefined } {
  if (loaded === undefined) return { values, inlineThresholds: undefined };
  const given = flagsGiven(spec, argv);
  const out: Record<string, unknown> = { ...values };
  let inlineThresholds: Record<string, number> | undefined;
  for (const [key, flag] of Object.entries(FLAGS) as Array<[keyof ConfigFile, string]>) {
    const value = loaded.config[key];
    if (value === undefined || !(flag in spec.options) || given.has(flag)) continue;
    if (key === 'thresholds' && typeof value === 'object') inlineThresholds = value;
    else if (key === 'autoSnapshot' || key === 'statusline') out[flag] = value === false;
    else out[flag] = value;
  }
  return { values: out as V, inlineThresholds: given.has('thresholds') ? undefined : inlineThresholds };
}

/** The flags the command line gave (whatever their defaults). */
function flagsGiven(spec: CommandSpec, argv: readonly string[]): Set<string> {
  const { tokens } = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true, strict: false, tokens: true });
  return new Set(tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
}

function expandPath(path: string, base: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(base, path);
}
