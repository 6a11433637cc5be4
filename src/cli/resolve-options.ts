/**
 * The one way a command's flags are read: the command line by its table (cli/options.ts), then
 * the config file for the flags the line did not give. Commands take the typed values and build
 * their own typed request from them; no command makes up argv for another.
 */
import type { parseArgs } from 'node:util';
import type { Thresholds } from '../detect/thresholds.js';
import type { CommandIO } from './command-io.js';
import { loadConfigFile, withConfig } from './config-file.js';
import { parseCommand, type CommandSpec } from './options.js';
import { loadThresholds } from './thresholds-option.js';

export type OptionValues<S extends CommandSpec> = ReturnType<typeof parseArgs<{ options: S['options']; allowPositionals: true }>>['values'];

/** Where the detectors' thresholds come from: `--thresholds FILE`, else the config file's numbers. */
export interface ThresholdsFrom {
  readonly file: string | undefined;
  readonly inline: { readonly from: string; readonly values: Record<string, number> } | undefined;
}

export interface ResolvedOptions<S extends CommandSpec> {
  readonly values: OptionValues<S>;
  readonly positionals: readonly string[];
  readonly thresholds: ThresholdsFrom;
}

/** Only the command line: `--help` is answered before any file is read. */
export function wantsHelp(spec: CommandSpec, argv: readonly string[]): boolean {
  return (parseCommand(spec, argv).values as { help?: boolean }).help === true;
}

export async function resolveOptions<const S extends CommandSpec>(spec: S, argv: readonly string[], io: CommandIO): Promise<ResolvedOptions<S>> {
  const args = parseCommand(spec, argv);
  const loaded = await loadConfigFile(io);
  const { values, inlineThresholds } = withConfig(spec, argv, args.values, loaded);
  const thresholdsFile = (values as { thresholds?: string }).thresholds;
  const inline = inlineThresholds === undefined || loaded === undefined ? undefined : { from: `${loaded.file} (thresholds)`, values: inlineThresholds };
  return { values, positionals: args.positionals, thresholds: { file: thresholdsFile, inline } };
}

/** The thresholds a request names (the detectors' defaults with the user's over them). */
export function thresholdsOf(from: ThresholdsFrom): Promise<Thresholds> {
  return loadThresholds(from.file, from.inline);
}
