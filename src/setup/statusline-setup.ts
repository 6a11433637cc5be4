/**
 * What `tokentop setup` changes in one settings.json: its `statusLine` command made to record the
 * quota readings, chaining the command that was there (`tokentop statusline -- '<old command>'`).
 * Nothing else in the file changes (settings-text.ts). Pure: the file's text in, the plan out.
 */
import { SettingsTextError, topLevelValue, withTopLevelValue } from './settings-text.js';

export type SetupKind = 'add' | 'chain' | 'already' | 'unreadable';

export interface SetupPlan {
  readonly kind: SetupKind;
  /** The statusLine command before, when there was one. */
  readonly before: string | undefined;
  /** The command after (add, chain). */
  readonly after: string | undefined;
  /** The file's new text (add, chain). */
  readonly text: string | undefined;
  /** Why the file is left as it is (unreadable). */
  readonly problem: string | undefined;
}

/** A word the shell reads back as itself: single-quoted, its own single quotes escaped. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A setting setup wires, and the tokentop command that records what Claude Code hands it. */
export interface SetupTarget {
  readonly key: 'statusLine' | 'subagentStatusLine';
  readonly subcommand: 'statusline' | 'subagent-status';
}

export const STATUSLINE: SetupTarget = { key: 'statusLine', subcommand: 'statusline' };
/** Claude Code 2.1.205+ runs it with its running sub-agents; older versions ignore the key. */
export const SUBAGENT_STATUSLINE: SetupTarget = { key: 'subagentStatusLine', subcommand: 'subagent-status' };

/** Does this command already record (set up before, or by hand)? */
export function recordsReadings(command: string, target: SetupTarget = STATUSLINE): boolean {
  return new RegExp(`tokentop(\\.mjs)?['"]?\\s+${target.subcommand}(\\s|$)`).test(command);
}

/**
 * The plan for a settings file whose text is `text` (undefined: there is none yet), where
 * `tokentop` is the command line that runs this tokentop (`'/usr/bin/node' '/…/tokentop.mjs'`).
 */
export function planStatuslineSetup(text: string | undefined, tokentop: string, target: SetupTarget = STATUSLINE): SetupPlan {
  const record = `${tokentop} ${target.subcommand}`;
  if (text === undefined || text.trim() === '') {
    const after = record;
    return { kind: 'add', before: undefined, after, text: `${JSON.stringify({ [target.key]: { type: 'command', command: after } }, null, 2)}\n`, problem: undefined };
  }
  try {
    const span = topLevelValue(text, target.key);
    const current = span === undefined ? undefined : (JSON.parse(text.slice(span.start, span.end)) as unknown);
    const command = typeof current === 'object' && current !== null && typeof (current as { command?: unknown }).command === 'string' ? (current as { command: string }).command : undefined;
    if (command !== undefined && recordsReadings(command, target)) return { kind: 'already', before: command, after: undefined, text: undefined, problem: undefined };
    const after = command === undefined || command.trim() === '' ? record : `${record} -- ${shellQuote(command)}`;
    if (span === undefined || command === undefined) {
      // No statusLine, or one that is not a command: a command statusLine of our own (a non-command one is replaced).
      return { kind: 'add', before: undefined, after, text: withTopLevelValue(text, target.key, JSON.stringify({ type: 'command', command: after })), problem: undefined };
    }
    // Only the command changes inside the statusLine object: its other keys (padding, …) stay as they are.
    const inner = withTopLevelValue(text.slice(span.start, span.end), 'command', JSON.stringify(after));
    return { kind: 'chain', before: command, after, text: `${text.slice(0, span.start)}${inner}${text.slice(span.end)}`, problem: undefined };
  } catch (error) {
    if (error instanceof SettingsTextError) return { kind: 'unreadable', before: undefined, after: undefined, text: undefined, problem: error.message };
    throw error;
  }
}
