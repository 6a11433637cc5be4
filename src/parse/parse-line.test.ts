import { describe, expect, it } from 'vitest';
import {
  agentProgressLine,
  agentResultLine,
  assistantLine,
  costStateLine,
  retryLine,
  summaryLine,
  syntheticLine,
  taskToolUse,
  toolResultLine,
} from '../../test/helpers/lines.js';
import type { TranscriptEvent } from './events.js';
import { parseLine, type LineContext, type ParseOutcome } from './parse-line.js';
import { EventLedger } from '../metrics/event-ledger.js';

const ctx: LineContext = { file: '/p/-home-dev-app/sess-1.jsonl', line: 7, pathSessionId: 'sess-1', pathAgentId: undefined, project: '-home-dev-app' };

function events(outcome: ParseOutcome): readonly TranscriptEvent[] {
  if (outcome.status !== 'ok') throw new Error(`rejected: ${outcome.reason}`);
  return outcome.events;
}

describe('parseLine: usage', () => {
  it('reads every usage field of an assistant copy, keyed by message.id', () => {
    const line = assistantLine({ messageId: 'msg_A', input: 3, output: 161, cacheCreation: 1000, cache1h: 400, cacheRead: 20000, timestamp: '2026-02-10T21:54:55.364Z' });
    const [event] = events(parseLine(line, ctx));
    expect(event).toMatchObject({
      kind: 'usage',
      key: 'msg_A',
      time: Date.parse('2026-02-10T21:54:55.364Z'),
      model: 'claude-sonnet-4-5-20250929',
      usage: { input: 3, output: 161, cacheCreation: 1000, cacheRead: 20000, cacheCreation5m: 600, cacheCreation1h: 400 },
      scope: { sessionId: 'sess-1', agentId: undefined, isSidechain: false, project: '-home-dev-app', cwd: '/home/dev/app' },
      origin: { file: ctx.file, line: 7 },
    });
  });

  it('falls back to requestId, then to file and line, when message.id is missing', () => {
    const noId = JSON.parse(assistantLine({ requestId: 'req_X', input: 1 })) as { message: { id?: string }; requestId?: string };
    delete noId.message.id;
    expect(events(parseLine(JSON.stringify(noId), ctx))[0]).toMatchObject({ key: 'req_X' });
    delete noId.requestId;
    expect(events(parseLine(JSON.stringify(noId), ctx))[0]).toMatchObject({ key: `${ctx.file}#7` });
  });

  it('takes the session from the line, the agent from the path, and marks sub-agent lines as sidechain', () => {
    const line = assistantLine({ sessionId: 'parent-9', input: 1 });
    const [event] = events(parseLine(line, { ...ctx, pathSessionId: undefined, pathAgentId: 'a1b2c3d' }));
    expect(event?.scope).toMatchObject({ sessionId: 'parent-9', agentId: 'a1b2c3d', isSidechain: true });
  });

  it('reads 2.1.280 lines that name the session as session_id', () => {
    const line = JSON.parse(assistantLine({ input: 1 })) as Record<string, unknown>;
    delete line.sessionId;
    line.session_id = 'snake-1';
    expect(events(parseLine(JSON.stringify(line), { ...ctx, pathSessionId: undefined }))[0]?.scope.sessionId).toBe('snake-1');
  });
});

describe('parseLine: sub-agents', () => {
  it.each(['Task', 'Agent'])('a %s tool use is a spawn with its type, description and prompt head', (name) => {
    const line = assistantLine({ content: [taskToolUse('toolu_1', 'Explore the repo', 'x'.repeat(500), 'Explore', name)] });
    const spawn = events(parseLine(line, ctx)).find((e) => e.kind === 'subagent-spawn');
    expect(spawn).toMatchObject({ toolUseId: 'toolu_1', subagentType: 'Explore', description: 'Explore the repo' });
    expect(spawn?.kind === 'subagent-spawn' && spawn.promptHead.length).toBe(200);
  });

  it('ignores other tools', () => {
    const line = assistantLine({ content: [{ type: 'tool_use', id: 't', name: 'Bash', input: { command: 'ls' } }] });
    expect(events(parseLine(line, ctx)).map((e) => e.kind)).toEqual(['usage']);
  });

  it('a sub-agent tool result is a finish, and its usage roll-up is never a usage event', () => {
    const line = agentResultLine({ toolUseId: 'toolu_1', agentId: 'a9', totalTokens: 4242, rollup: { input: 1, output: 2, cacheRead: 3 } });
    expect(events(parseLine(line, ctx))).toEqual([
      expect.objectContaining({ kind: 'subagent-finish', toolUseId: 'toolu_1', status: 'completed', agentId: 'a9', totalTokens: 4242 }),
    ]);
  });

  it('async_launched is reported as such', () => {
    const line = agentResultLine({ toolUseId: 'toolu_2', agentId: 'a8', status: 'async_launched' });
    expect(events(parseLine(line, ctx))[0]).toMatchObject({ kind: 'subagent-finish', status: 'async_launched' });
  });

  it('ordinary tool results yield nothing', () => {
    expect(events(parseLine(toolResultLine({ toolUseId: 't', text: 'hello' }), ctx))).toEqual([]);
  });

  it('agent_progress lines mark the parent tool use alive, and their embedded usage is not counted', () => {
    expect(events(parseLine(agentProgressLine({ parentToolUseId: 'toolu_1' }), ctx))).toEqual([expect.objectContaining({ kind: 'subagent-progress', toolUseId: 'toolu_1' })]);
  });
});

describe('parseLine: limits, errors, retries, cost-state', () => {
  it('a 2.1.x limit message is a limit with its reset resolved, and no usage', () => {
    const line = syntheticLine({ text: "You're out of extra usage · resets 1am (Europe/Brussels)", error: 'rate_limit', timestamp: '2026-01-31T23:20:59.790Z', uuid: 'u-1' });
    expect(events(parseLine(line, ctx))).toEqual([
      expect.objectContaining({ kind: 'limit', key: 'u-1', limitKind: 'usage-limit', resetAt: Date.parse('2026-02-01T00:00:00Z'), resetText: '1am (Europe/Brussels)' }),
    ]);
  });

  it('a 1.0.x summary title with a limit is a limit without a time, keyed by leafUuid', () => {
    expect(events(parseLine(summaryLine('Claude AI usage limit reached|1755212400', 'leaf-1'), ctx))).toEqual([
      expect.objectContaining({ kind: 'limit', key: 'leaf-1', time: undefined, resetAt: 1755212400_000 }),
    ]);
  });

  it('an ordinary summary title is a session title, not a limit', () => {
    expect(events(parseLine(summaryLine('Refactor the parser'), ctx)).map((e) => e.kind)).toEqual(['title']);
  });

  it('other synthetic messages are API errors with their status', () => {
    expect(events(parseLine(syntheticLine({ text: 'API Error: 500 {"type":"error"}' }), ctx))[0]).toMatchObject({ kind: 'api-error', status: 500 });
    expect(events(parseLine(syntheticLine({ text: 'Request timed out' }), ctx))[0]).toMatchObject({ kind: 'api-error', status: undefined });
  });

  it('an assistant text that merely mentions a limit is not a limit', () => {
    const line = assistantLine({ content: [{ type: 'text', text: "You've hit your limit · resets 5am (America/Los_Angeles)" }] });
    expect(events(parseLine(line, ctx)).map((e) => e.kind)).toEqual(['usage']);
  });

  it('retry lines carry attempt and error code', () => {
    expect(events(parseLine(retryLine({ attempt: 3, code: 'ConnectionRefused' }), ctx))[0]).toMatchObject({ kind: 'retry', attempt: 3, maxRetries: 10, errorCode: 'ConnectionRefused' });
  });

  it('cost-state lines carry the cumulative cost', () => {
    expect(events(parseLine(costStateLine('s-9', 0.0766), ctx))[0]).toMatchObject({ kind: 'cost-state', totalCostUSD: 0.0766, scope: { sessionId: 's-9' } });
  });
});

describe('parseLine: session titles', () => {
  it('reads ai-title, custom-title and summary lines as titles of the file\'s session, ranked by source', () => {
    const ai = events(parseLine('{"type":"ai-title","aiTitle":"SNMP GET 改用 AgentX","sessionId":"sess-1"}', ctx))[0];
    const custom = events(parseLine('{"type":"custom-title","customTitle":"trace 4","sessionId":"sess-1"}', ctx))[0];
    const summary = events(parseLine(summaryLine('Refactor the parser', 'leaf-1'), ctx))[0];
    expect(ai).toMatchObject({ kind: 'title', source: 'ai', title: 'SNMP GET 改用 AgentX', scope: { sessionId: 'sess-1' } });
    expect(custom).toMatchObject({ kind: 'title', source: 'custom', title: 'trace 4' });
    expect(summary).toMatchObject({ kind: 'title', source: 'summary', title: 'Refactor the parser', scope: { sessionId: 'sess-1' } });
    for (const order of [[summary, ai, custom], [custom, ai, summary], [ai, custom, summary]]) {
      const ledger = new EventLedger();
      for (const e of order) ledger.apply(e as TranscriptEvent);
      expect(ledger.titleOf('sess-1')).toBe('trace 4');
    }
  });

  it('a later rename in the same file wins over an earlier one', () => {
    const ledger = new EventLedger();
    ledger.apply(events(parseLine('{"type":"custom-title","customTitle":"second","sessionId":"s"}', { ...ctx, line: 9 }))[0] as TranscriptEvent);
    ledger.apply(events(parseLine('{"type":"custom-title","customTitle":"first","sessionId":"s"}', { ...ctx, line: 3 }))[0] as TranscriptEvent);
    expect(ledger.titleOf('s')).toBe('second');
  });
});

describe('parseLine: what it refuses, and why', () => {
  it.each([
    ['{"type":"assistant","message":{"id":"m"', 'invalid-json'],
    ['[1,2]', 'not-an-object'],
    ['"text"', 'not-an-object'],
    ['{"message":{}}', 'no-type'],
    ['{"type":"assistant","timestamp":"2026-02-10T10:00:00Z"}', 'schema:assistant'],
  ])('%s -> %s', (text, reason) => {
    expect(parseLine(text, ctx)).toEqual({ status: 'rejected', reason });
  });

  it('refuses a usage line with no readable time and none before it, saying that a later time would place it', () => {
    expect(parseLine(assistantLine({}).replace('2026-02-10T10:00:00.000Z', 'yesterday'), ctx)).toEqual({ status: 'rejected', reason: 'bad-timestamp', awaitsTime: true });
  });

  it('counts unknown line types without failing', () => {
    expect(parseLine('{"type":"atis-latch","sessionId":"s"}', ctx)).toEqual({ status: 'ok', lineType: 'atis-latch', events: [] });
  });

  it('a null usage number is read as 0, not as a rejection', () => {
    const line = assistantLine({ input: 5 }).replace('"cache_read_input_tokens":0', '"cache_read_input_tokens":null');
    expect(events(parseLine(line, ctx))[0]).toMatchObject({ usage: { input: 5, cacheRead: 0 } });
  });
});

describe('a usage line whose timestamp cannot be read', () => {
  const ctx = { file: '/p/s.jsonl', line: 7, pathSessionId: 's', pathAgentId: undefined, project: 'p' };
  const line = (timestamp: string): string =>
    JSON.stringify({ type: 'assistant', timestamp, sessionId: 's', uuid: 'u', message: { id: 'msg_x', model: 'claude-opus-4-6', role: 'assistant', content: [], usage: { input_tokens: 3, output_tokens: 5 } } });

  it('is counted at the time of the line before it, and says so', () => {
    const outcome = parseLine(line('2026-02-1X-redacted'), { ...ctx, previousTime: 1_000 });
    expect(outcome).toMatchObject({ status: 'ok', placedAtPreviousTime: true });
    expect(outcome.status === 'ok' ? outcome.events.map((e) => [e.kind, e.time]) : []).toEqual([['usage', 1_000]]);
  });

  it('is rejected as bad-timestamp when no line before it had a time, awaiting the next one (pipeline/read/line-parser.ts)', () => {
    expect(parseLine(line('garbage'), ctx)).toEqual({ status: 'rejected', reason: 'bad-timestamp', awaitsTime: true });
  });
});

describe('absurd token counts', () => {
  const ctx = { file: '/p/s.jsonl', line: 3, pathSessionId: 's', pathAgentId: undefined, project: 'p' };
  const line = (usage: Record<string, unknown>): string =>
    JSON.stringify({ type: 'assistant', timestamp: '2026-02-10T10:00:00Z', sessionId: 's', uuid: 'u', message: { id: 'msg_a', model: 'claude-opus-4-6', role: 'assistant', content: [], usage } });

  it.each([[{ output_tokens: '100' }], [{ input_tokens: true }], [{ output_tokens: '0x10' }], [{ cache_creation: { ephemeral_1h_input_tokens: '5' } }]])('%j is a bad-usage line, not a response of 0 tokens', (usage) => {
    expect(parseLine(line(usage), ctx)).toEqual({ status: 'rejected', reason: 'bad-usage' });
  });

  it('reads 1e400 (Infinity once parsed) as a bad-usage line', () => {
    expect(parseLine(line({ input_tokens: 1 }).replace('"input_tokens":1', '"input_tokens":1e400'), ctx)).toEqual({ status: 'rejected', reason: 'bad-usage' });
  });

  it.each([[{ input_tokens: 1e30 }], [{ output_tokens: 1.7976931348623157e308 }], [{ output_tokens: 2.5 }], [{ cache_read_input_tokens: -4 }], [{ input_tokens: 1e9 }], [{ cache_creation: { ephemeral_1h_input_tokens: 1e12 } }]])('%j is a bad-usage line, counted and skipped', (usage) => {
    expect(parseLine(line(usage), ctx)).toEqual({ status: 'rejected', reason: 'bad-usage' });
  });

  it('takes counts up to a billion less one, and absent or null ones as 0', () => {
    const outcome = parseLine(line({ input_tokens: 999_999_999, output_tokens: null }), ctx);
    expect(outcome.status === 'ok' ? outcome.events[0] : undefined).toMatchObject({ kind: 'usage', usage: { input: 999_999_999, output: 0 } });
  });
});

describe('names from untrusted lines', () => {
  it('strips control characters and newlines from a model name and a project dir, once, where they enter', () => {
    const line = assistantLine({ model: 'claude-\u001b[31mopus\u0007\u202e\nx' });
    const [usage] = events(parseLine(line, { ...ctx, project: '-home-\u001b]0;pwned\u0007dev' }));
    expect(usage).toMatchObject({ kind: 'usage', model: 'claude-opus x', scope: { project: '-home-dev' } });
  });
});
