/**
 * The lean assistant path (parse/lean-assistant.ts) against zod: every line of the real corpus, of a
 * synthetic history and of hand-made odd lines goes through both; the outcomes must be equal, event
 * for event, and the lean path must be the one taken for nearly every assistant line.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leanAssistantLine } from '../src/parse/lean-assistant.js';
import { parseLine, type LineContext } from '../src/parse/parse-line.js';
import { findTranscripts } from '../src/sources/find-transcripts.js';
import { classifyTranscriptPath } from '../src/sources/transcript-path.js';
import { writeHistory } from '../src/synth/write-history.js';
import { hasRealCorpus, REAL_TRANSCRIPTS } from './helpers/real-corpus.js';

function compareFiles(files: readonly string[]): { lines: number; assistant: number; lean: number; differ: string[] } {
  const out = { lines: 0, assistant: 0, lean: 0, differ: [] as string[] };
  for (const file of files) {
    const path = classifyTranscriptPath(file);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (text === '') return;
        out.lines += 1;
        const ctx: LineContext = { file, line: i + 1, pathSessionId: path.sessionId, pathAgentId: path.agentId, project: path.project, previousTime: 1_000 };
        compareLine(text, ctx, out);
      });
  }
  return out;
}

function compareLine(text: string, ctx: LineContext, out: { assistant: number; lean: number; differ: string[] }): void {
  const lean = parseLine(text, ctx);
  const zod = parseLine(text, ctx, { lean: false });
  try {
    expect(lean).toStrictEqual(zod);
  } catch {
    out.differ.push(`${ctx.file}:${ctx.line}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'assistant') {
    out.assistant += 1;
    if (leanAssistantLine(raw as Record<string, unknown>) !== undefined) out.lean += 1;
  }
}

describe('the lean assistant path equals zod', () => {
  it.skipIf(!hasRealCorpus)('on every line of the real corpus', async () => {
    const { files } = await findTranscripts([REAL_TRANSCRIPTS]);
    const r = compareFiles(files);
    expect(r.differ).toEqual([]);
    expect(r.assistant).toBeGreaterThan(5000);
    expect(r.lean / r.assistant).toBeGreaterThan(0.99);
  });

  it('on every line of a synthetic history', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokentop-lean-'));
    try {
      writeHistory(dir, { seed: 11, start: Date.parse('2026-10-01T00:00:00Z'), targetBytes: 4 * 1024 * 1024 });
      const { files } = await findTranscripts([dir]);
      const r = compareFiles(files);
      expect(r.differ).toEqual([]);
      expect(r.assistant).toBeGreaterThan(200);
      expect(r.lean).toBe(r.assistant);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('on odd lines: wrong types, nulls, huge and fractional counts, no message, a BOM', () => {
    const base = { type: 'assistant', timestamp: '2026-02-10T10:00:00.000Z', sessionId: 's', uuid: 'u', message: { id: 'msg_1', model: 'claude-opus-4-6', content: [{ type: 'text', text: 'x' }], usage: { input_tokens: 3, output_tokens: 5 } } };
    const variants: unknown[] = [
      base,
      { ...base, timestamp: 12 },
      { ...base, timestamp: null },
      { ...base, sessionId: 7, session_id: 'from-2.1.280' },
      { ...base, isSidechain: 'yes', agentId: ['a'] },
      { ...base, message: null },
      { ...base, message: [] },
      { ...base, message: 'text' },
      { ...base, message: { ...base.message, usage: null } },
      { ...base, message: { ...base.message, usage: [] } },
      { ...base, message: { ...base.message, usage: { input_tokens: '3', output_tokens: null, cache_creation: null } } },
      { ...base, message: { ...base.message, usage: { input_tokens: 2.5 } } },
      { ...base, message: { ...base.message, usage: { input_tokens: -1 } } },
      { ...base, message: { ...base.message, usage: { input_tokens: 1e30 } } },
      { ...base, message: { ...base.message, usage: { input_tokens: 1, cache_creation: { ephemeral_1h_input_tokens: 'x', ephemeral_5m_input_tokens: 4 } } } },
      { ...base, message: { ...base.message, content: null } },
      { ...base, message: { ...base.message, content: 'plain string' } },
      { ...base, message: { ...base.message, content: { type: 'text' } } },
      { ...base, message: { ...base.message, id: 5, model: null } },
      { ...base, message: { id: 'x', model: '<synthetic>', content: [{ type: 'text', text: "You've hit your limit · resets 5am (America/Los_Angeles)" }] } },
      { ...base, isApiErrorMessage: true, apiErrorStatus: '500', message: { ...base.message, content: [{ type: 'text', text: 'API Error: 500' }] } },
      { ...base, message: { ...base.message, content: [{ type: 'tool_use', id: 'toolu_1', name: 'Task', input: { description: 'd', prompt: 'p', subagent_type: 3 } }] } },
    ];
    const out = { assistant: 0, lean: 0, differ: [] as string[] };
    const ctx: LineContext = { file: '/p/x.jsonl', line: 1, pathSessionId: 'p', pathAgentId: undefined, project: 'p', previousTime: 1_000 };
    variants.forEach((v, i) => compareLine(JSON.stringify(v), { ...ctx, line: i + 1 }, out));
    compareLine(`\ufeff${JSON.stringify(base)}`, { ...ctx, line: 99 }, out);
    compareLine(JSON.stringify(base).replace('"input_tokens":3', '"input_tokens":1e999'), { ...ctx, line: 100 }, out);
    expect(out.differ).toEqual([]);
    expect(out.lean).toBeGreaterThan(15);
  });
});
