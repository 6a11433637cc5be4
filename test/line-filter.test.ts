/**
 * The pre-filter must never hide a line that yields an event. Every line of the real corpus and of a
 * synthetic history is parsed fully and put to the filter; the two must agree.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/parse/parse-line.js';
import { TranscriptLineFilter } from '../src/pipeline/read/line-filter.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { classifyTranscriptPath } from '../src/sources/transcript-path.js';
import { writeHistory } from '../src/synth/write-history.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';

interface Agreement {
  lines: number;
  withEvents: number;
  hidden: string[];
  parsedNeedlessly: number;
}

function compare(files: readonly string[]): Agreement {
  const filter = new TranscriptLineFilter({ progress: true });
  const spawned = new Set<string>();
  const result: Agreement = { lines: 0, withEvents: 0, hidden: [], parsedNeedlessly: 0 };
  for (const file of files) {
    const path = classifyTranscriptPath(file);
    const buf = readFileSync(file);
    let start = 0;
    let lineNo = 0;
    while (start < buf.length) {
      let end = buf.indexOf(0x0a, start);
      if (end < 0) end = buf.length;
      lineNo += 1;
      result.lines += 1;
      const outcome = parseLine(buf.toString('utf8', start, end), { file, line: lineNo, pathSessionId: path.sessionId, pathAgentId: path.agentId, project: path.project });
      const events = outcome.status === 'ok' ? outcome.events : [];
      // A result or progress line whose spawn was never seen cannot be matched to anything.
      const matters = events.filter((e) => !((e.kind === 'subagent-finish' || e.kind === 'subagent-progress') && !spawned.has(e.toolUseId)));
      const wanted = filter.wants(buf, start, end);
      if (matters.length > 0) {
        result.withEvents += 1;
        if (!wanted) result.hidden.push(`${file}:${lineNo} ${matters.map((e) => e.kind).join(',')}`);
      } else if (wanted) {
        result.parsedNeedlessly += 1;
      }
      for (const e of events) {
        if (e.kind === 'subagent-spawn') {
          spawned.add(e.toolUseId);
          filter.noteSpawn(e.toolUseId);
        }
      }
      start = end + 1;
    }
  }
  return result;
}

describe('the line filter against the full parse', () => {
  it.skipIf(!hasRealCorpus)('hides no event-bearing line of the real corpus', async () => {
    const { files } = await findTranscripts([REAL_TRANSCRIPTS]);
    const r = compare(files);
    expect(r.hidden).toEqual([]);
    expect(r.withEvents).toBeGreaterThan(5000);
    console.log(`real corpus: ${r.lines} lines, ${r.withEvents} with events, ${r.parsedNeedlessly} parsed for nothing`);
  });

  it('hides no event-bearing line of a synthetic history', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokentop-filter-'));
    try {
      writeHistory(dir, { seed: 3, start: Date.parse('2026-10-01T00:00:00Z'), targetBytes: 6 * 1024 * 1024 });
      const { files } = await findTranscripts([dir]);
      const r = compare(files);
      expect(r.hidden).toEqual([]);
      expect(r.withEvents).toBeGreaterThan(300);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
