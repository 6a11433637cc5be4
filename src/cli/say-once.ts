/**
 * A problem the statusline recorder meets runs after run (Claude Code runs it every few seconds):
 * said on stderr the first time, and again only when it changes. What was said is kept beside the
 * record, in tokentop's own state dir; when even that cannot be written, it is said each time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandIO } from './command-io.js';

export function sayOnce(recordFile: string, message: string, io: CommandIO): void {
  const said = join(dirname(recordFile), 'statusline.said');
  let before: string | undefined;
  try {
    before = readFileSync(said, 'utf8');
  } catch {
    before = undefined;
  }
  if (before === message) return;
  io.err(`tokentop: ${message}\n`);
  try {
    writeFileSync(said, message);
  } catch {
    // The state dir is not writable either: the next run says it again, which is right.
  }
}
