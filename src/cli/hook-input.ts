/**
 * What the statusline and subagent-status commands share: Claude Code hands each its JSON on stdin,
 * and each records it before anything else, saying a problem once (say-once.ts) rather than failing
 * the status bar it feeds.
 */
import { RecordPathError } from '../pipeline/read/quota-record-writer.js';
import type { CommandIO } from './command-io.js';
import { sayOnce } from './say-once.js';

export async function readAll(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Runs `write` on the record `file`; a problem it reports or throws is said once, never thrown. */
export function recordOrSay(file: string, io: CommandIO, write: (say: (problem: string) => void) => void): void {
  const say = (problem: string): void => sayOnce(file, problem, io);
  try {
    write(say);
  } catch (error) {
    say(error instanceof RecordPathError ? error.message : `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
