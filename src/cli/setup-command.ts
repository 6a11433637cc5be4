/**
 * `tokentop setup [--config-dir DIR]... [--yes] [--undo]`: which settings files, what changes in
 * each (setup/statusline-setup.ts), asking before writing, and writing with a backup
 * (setup/setup-files.ts). The only command that writes inside a Claude config dir.
 */
import { createInterface } from 'node:readline/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { discoverConfigDirs } from '../sources/config-dirs.js';
import { statuslineStateFile } from '../sources/quota-record-paths.js';
import { planStatuslineSetup, shellQuote, STATUSLINE, SUBAGENT_STATUSLINE, type SetupPlan } from '../setup/statusline-setup.js';
import { undoSettings, writeSettings } from '../setup/setup-files.js';
import { UsageError, type CommandIO } from './command-io.js';
import { commandHelp, parseCommand, SETUP_OPTIONS } from './options.js';

export interface SetupTerminal {
  readonly stdin: NodeJS.ReadStream;
  /** How this tokentop is run: node and its script, quoted into the statusLine command. */
  readonly self: readonly string[];
}

export async function runSetup(argv: readonly string[], io: CommandIO, terminal: SetupTerminal): Promise<number> {
  const { values } = parseCommand(SETUP_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(SETUP_OPTIONS)}\n`);
    return 0;
  }
  const stateDir = dirname(statuslineStateFile(io.env));
  if (values.undo) return undo(stateDir, io);
  const dirs = values['config-dir'] ?? (await discoverConfigDirs(io.env, io.env.HOME ?? homedir())).found;
  if (dirs.length === 0) throw new UsageError('no Claude Code config dir found (CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude): give --config-dir DIR');
  const tokentop = terminal.self.map(shellQuote).join(' ');
  const plans: Array<{ file: string; plan: SetupPlan }> = [];
  for (const dir of dirs) {
    const file = join(dir, 'settings.json');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(new UsageError(`cannot read ${file}: ${error.message}`))));
    // The statusLine, then the subagentStatusLine on the text that leaves: one write, both changes.
    const status = planStatuslineSetup(text, tokentop, STATUSLINE);
    const agents = planStatuslineSetup(status.text ?? text, tokentop, SUBAGENT_STATUSLINE);
    io.out(`${describe(file, STATUSLINE.key, status)}\n`);
    if (status.kind !== 'unreadable') io.out(`${describe(file, SUBAGENT_STATUSLINE.key, agents)}\n`);
    plans.push({ file, plan: status.kind === 'unreadable' ? status : { ...agents, text: agents.text ?? status.text } });
  }
  const changes = plans.filter((p) => p.plan.text !== undefined);
  if (changes.length === 0) return plans.some((p) => p.plan.kind === 'unreadable') ? 1 : 0;
  if (!values.yes && !(await confirm(terminal.stdin, io))) {
    io.out('nothing written\n');
    return 1;
  }
  let failed = plans.some((p) => p.plan.kind === 'unreadable');
  for (const { file, plan } of changes) {
    try {
      const backup = await writeSettings(file, plan.text as string, stateDir, io.now());
      io.out(`written: ${file}${backup === undefined ? ' (new)' : ` (backup: ${backup})`}\n`);
    } catch (error) {
      failed = true;
      io.err(`tokentop: cannot write ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  io.out("undo with: tokentop setup --undo\n");
  return failed ? 1 : 0;
}

function describe(file: string, key: string, plan: SetupPlan): string {
  switch (plan.kind) {
    case 'already':
      return `${file}: ${key} already records (${plan.before ?? ''}); nothing to change`;
    case 'unreadable':
      return `${file}: left untouched: ${plan.problem ?? 'it cannot be read'}`;
    case 'add':
      return `${file}: ${key} (none) -> ${plan.after ?? ''}`;
    case 'chain':
      return `${file}: ${key} ${plan.before ?? ''} -> ${plan.after ?? ''}`;
  }
}

/** Ask on a terminal; anywhere else the answer is no (a script says --yes). */
async function confirm(stdin: NodeJS.ReadStream, io: CommandIO): Promise<boolean> {
  if (!stdin.isTTY) {
    io.err('tokentop: not a terminal to ask on: run again with --yes to write these changes\n');
    return false;
  }
  const rl = createInterface({ input: stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question('Write these changes? [y/N] ')).trim());
  } finally {
    rl.close();
  }
}

async function undo(stateDir: string, io: CommandIO): Promise<number> {
  const outcomes = await undoSettings(stateDir);
  if (outcomes.length === 0) io.out('nothing to undo: setup has written no settings file\n');
  for (const o of outcomes) {
    if (o.kind === 'restored') io.out(`restored: ${o.file} (from ${o.backup})\n`);
    else if (o.kind === 'removed') io.out(`removed: ${o.file} (setup had created it)\n`);
    else io.err(`tokentop: left as it is: ${o.file}: ${o.reason}\n`);
  }
  return outcomes.some((o) => o.kind === 'changed-since' || o.kind === 'unreadable') ? 1 : 0;
}
