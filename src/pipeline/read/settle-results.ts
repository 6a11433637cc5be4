/**
 * Tool results whose spawn was in another file (a resumed session's result of a spawn its older
 * file holds), or came later in their own: each record lists them by the hash of their tool-use id
 * and their place, and once every file's spawns are known, those that end a known spawn are read
 * and parsed here. This is what makes a record depend on its own file only, whatever the order.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { LineCounts } from '../../metrics/line-counts.js';
import type { TranscriptEvent } from '../../parse/events.js';
import { parseLine } from '../../parse/parse-line.js';
import { classifyTranscriptPath } from '../../sources/transcript-path.js';
import { hash32, type FileRecord } from './file-record.js';

/** The spawns every file said, by tool-use id (a ledger's, or the ids a live backfill saw). */
export interface KnownSpawns {
  has(toolUseId: string): boolean;
  keys(): Iterable<string>;
}

export function settleUnknownResults(records: ReadonlyArray<Pick<FileRecord, 'path' | 'unknownResults'>>, spawns: KnownSpawns, onEvent: (event: TranscriptEvent) => void, counts: Pick<LineCounts, 'parsedLines' | 'lineTypes'>): void {
  const spawnHashes = new Set<number>();
  for (const id of spawns.keys()) spawnHashes.add(hash32(id));
  if (spawnHashes.size === 0) return;
  for (const record of records) {
    const u = record.unknownResults;
    for (let i = 0; i < u.length; i += 4) {
      if (!spawnHashes.has(u[i] as number)) continue;
      const text = lineAt(record.path, u[i + 1] as number);
      if (text === undefined) continue;
      const path = classifyTranscriptPath(record.path);
      const previousTime = u[i + 3] as number;
      const outcome = parseLine(text, { file: record.path, pathSessionId: path.sessionId, pathAgentId: path.agentId, project: path.project, line: u[i + 2] as number, previousTime: previousTime < 0 ? undefined : previousTime });
      // A hash that only collides names no known spawn: the line stays skipped, as it was.
      if (outcome.status !== 'ok' || !outcome.events.some((e) => e.kind === 'subagent-finish' && spawns.has(e.toolUseId))) continue;
      counts.parsedLines += 1;
      counts.lineTypes[outcome.lineType] = (counts.lineTypes[outcome.lineType] ?? 0) + 1;
      for (const event of outcome.events) onEvent(event);
    }
  }
}

/** The line starting at byte `offset` (without its newline), or undefined when it cannot be read. */
function lineAt(file: string, offset: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const parts: Buffer[] = [];
    let at = offset;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      const nl = chunk.subarray(0, n).indexOf(0x0a);
      parts.push(chunk.subarray(0, nl < 0 ? n : nl));
      if (nl >= 0) break;
      at += n;
    }
    return Buffer.concat(parts).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
