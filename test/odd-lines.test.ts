/** Lines a reader must count rather than lose: a BOM before a good line, a line over the length cap. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../src/parse/events.js';
import { TranscriptReader } from '../src/pipeline/read/transcript-reader.js';
import { loadHistory } from '../src/pipeline/history/load-history.js';
import { assistantLine } from './helpers/lines.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokentop-odd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('odd lines', () => {
  it('reads a line that starts with a byte order mark', async () => {
    const file = join(dir, 's-bom.jsonl');
    await writeFile(file, `\ufeff${assistantLine({ sessionId: 's', messageId: 'msg_bom', output: 5 })}\n`);
    const events: TranscriptEvent[] = [];
    const reader = new TranscriptReader((e) => events.push(e));
    reader.readToEnd(file);
    expect(reader.stats.malformed).toBe(0);
    expect(events.map((e) => (e.kind === 'usage' ? e.key : e.kind))).toEqual(['msg_bom']);
  });

  it('counts a line over the length cap as a malformed line (too-long), and reads on after it', async () => {
    const file = join(dir, 's-long.jsonl');
    const long = assistantLine({ sessionId: 's', messageId: 'msg_long', output: 1, content: [{ type: 'text', text: 'x'.repeat(5000) }] });
    await writeFile(file, `${long}\n${assistantLine({ sessionId: 's', messageId: 'msg_after_long', output: 2 })}\n`);
    const events: TranscriptEvent[] = [];
    const reader = new TranscriptReader((e) => events.push(e), { progress: true, maxLineBytes: 1000 });
    reader.readToEnd(file);
    expect(reader.stats).toMatchObject({ lines: 2, malformed: 1, malformedByReason: { 'too-long': 1 } });
    expect(events.map((e) => (e.kind === 'usage' ? e.key : e.kind))).toEqual(['msg_after_long']);
  });
});

describe('a usage line whose time cannot be read, before any time in its file', () => {
  const undated = (id: string): string => assistantLine({ sessionId: 's', messageId: id, output: 7 }).replace(/"timestamp":"[^"]+"/, '"timestamp":"2026-02-1X-redacted"');

  it('takes the next readable time, live and in the history read alike: its tokens are never dropped', async () => {
    const file = join(dir, 's-undated.jsonl');
    await writeFile(file, `${undated('msg_undated')}\n${assistantLine({ sessionId: 's', messageId: 'msg_dated', output: 3, timestamp: '2026-02-10T10:05:00.000Z' })}\n`);
    const events: TranscriptEvent[] = [];
    const reader = new TranscriptReader((e) => events.push(e));
    reader.readToEnd(file);
    expect(reader.stats).toMatchObject({ malformed: 0, placedAtPreviousTime: 1 });
    expect(events.map((e) => (e.kind === 'usage' ? [e.key, new Date(e.time).toISOString()] : e.kind))).toEqual([
      ['msg_dated', '2026-02-10T10:05:00.000Z'],
      ['msg_undated', '2026-02-10T10:05:00.000Z'],
    ]);
    const history = await loadHistory([file]);
    expect(history.ledger.usage.get('msg_undated')?.output).toBe(7);
    expect(history.stats.malformed).toBe(0);
  });

  it('is counted malformed (bad-timestamp) when no readable time follows in its file', async () => {
    const file = join(dir, 's-undated-only.jsonl');
    await writeFile(file, `${undated('msg_alone')}\n`);
    const history = await loadHistory([file]);
    expect(history.stats).toMatchObject({ malformed: 1, malformedByReason: { 'bad-timestamp': 1 } });
    expect(history.ledger.usage.get('msg_alone')).toBeUndefined();
  });
});

describe('lines with blanks after their colons (JSON re-serialized by another tool)', () => {
  it('a title and a spawn result are read; nothing is skipped uncounted', async () => {
    const file = join(dir, 's-spaced.jsonl');
    const spawnLine = assistantLine({ sessionId: 's', messageId: 'msg_sp', output: 3, content: [{ type: 'tool_use', id: 'toolu_sp', name: 'Task', input: { description: 'look', prompt: 'look around', subagent_type: 'Explore' } }] });
    const title = '{"type": "custom-title", "customTitle": "Spaced out", "sessionId": "s"}';
    const result = '{"type": "user", "sessionId": "s", "timestamp": "2026-02-10T10:01:00.000Z", "message": {"role": "user", "content": [{"tool_use_id": "toolu_sp", "type": "tool_result", "content": "done"}]}, "toolUseResult": {"status": "completed", "agentId": "a1", "totalTokens": 10}}';
    await writeFile(file, `${spawnLine}\n${title}\n${result}\n`);
    const history = await loadHistory([file]);
    expect(history.ledger.titleOf('s')).toBe('Spaced out');
    expect([...history.ledger.finishes.keys()]).toEqual(['toolu_sp']);
    expect(history.stats.malformed).toBe(0);
  });
});
