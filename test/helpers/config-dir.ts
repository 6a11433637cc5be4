/** A small Claude Code config dir in a temp dir, with every transcript layout, for pipeline and CLI tests. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  agentResultLine,
  assistantLine,
  costStateLine,
  jsonl,
  retryLine,
  summaryLine,
  syntheticLine,
  taskToolUse,
  toolResultLine,
} from './lines.js';

export const PROJECT = '-home-dev-app';

/**
 * The truth about the fixture, worked out by hand from the lines below (not by tokentop):
 * msg_1 input 3 / output 161 / cache write 500 / cache read 9,000 (three streaming copies + one resumed copy);
 * msg_2 (sub-agent, 2.1.x dir) 10 / 50 / 2,000 / 0; msg_3 (flat 2.0.x agent) 1 / 20 / 0 / 4,000;
 * msg_4 (session B) 2 / 30 / 100 / 9,500; msg_5 (1.0.x inline sidechain in B) 5 / 5 / 0 / 0.
 */
export const FIXTURE_TRUTH = {
  input: 3 + 10 + 1 + 2 + 5,
  output: 161 + 50 + 20 + 30 + 5,
  cacheCreation: 500 + 2000 + 0 + 100 + 0,
  cacheRead: 9000 + 0 + 4000 + 9500 + 0,
  responses: 5,
  spawned: 1,
  limits: 2,
  retries: 2,
  malformed: 2,
};

async function put(path: string, body: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
}

/** Writes the fixture; returns the config dir. */
export async function writeFixtureConfigDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'tokentop-config-'));
  const project = join(root, 'projects', PROJECT);
  const a = { sessionId: 'sess-A', cwd: '/home/dev/app' };
  const msg1 = { ...a, messageId: 'msg_1', input: 3, cacheCreation: 500, cacheRead: 9000 };

  await put(
    join(project, 'sess-A.jsonl'),
    jsonl([
      '{"type":"file-history-snapshot","messageId":"x","snapshot":{},"isSnapshotUpdate":false}',
      assistantLine({ ...msg1, output: 3, timestamp: '2026-02-10T10:00:00.000Z', content: [{ type: 'thinking', thinking: 'hm' }] }),
      assistantLine({ ...msg1, output: 161, timestamp: '2026-02-10T10:00:01.000Z', content: [{ type: 'text', text: 'Spawning' }] }),
      assistantLine({ ...msg1, output: 40, timestamp: '2026-02-10T10:00:02.000Z', content: [taskToolUse('toolu_T1', 'Explore the code')] }),
      toolResultLine({ ...a, toolUseId: 'toolu_other', text: `${'"usage" is not a needle here? it is: this line is parsed and yields nothing. '.repeat(3)}`, timestamp: '2026-02-10T10:00:03.000Z' }),
      agentResultLine({ ...a, toolUseId: 'toolu_T1', agentId: 'a1', timestamp: '2026-02-10T10:05:00.000Z', rollup: { input: 10_000, output: 10_000 } }),
      retryLine({ ...a, attempt: 1, code: 'ConnectionRefused', timestamp: '2026-02-10T10:06:00.000Z' }),
      retryLine({ ...a, attempt: 2, code: 'ConnectionRefused', timestamp: '2026-02-10T10:06:01.000Z' }),
      syntheticLine({ ...a, text: "You've hit your limit · resets 5am (America/Los_Angeles)", error: 'rate_limit', timestamp: '2026-02-10T10:07:00.000Z', uuid: 'limit-1' }),
      '{"type":"assistant","message":{"id":"msg_broken","usage":{"input_tokens":1', // cut short: malformed
      '{"type":"mode","mode":"normal","sessionId":"sess-A"}',
      costStateLine('sess-A', 1.25),
    ]),
  );
  await put(
    join(project, 'sess-A', 'subagents', 'agent-a1.jsonl'),
    jsonl([
      assistantLine({ ...a, agentId: 'a1', isSidechain: true, messageId: 'msg_2', input: 10, output: 7, cacheCreation: 2000, timestamp: '2026-02-10T10:01:00.000Z' }),
      assistantLine({ ...a, agentId: 'a1', isSidechain: true, messageId: 'msg_2', input: 10, output: 50, cacheCreation: 2000, timestamp: '2026-02-10T10:01:01.000Z' }),
    ]),
  );
  await put(join(project, 'sess-A', 'subagents', 'agent-a1.meta.json'), JSON.stringify({ agentType: 'Explore', description: 'Explore the code', toolUseId: 'toolu_T1', spawnDepth: 1 }));
  await put(
    join(project, 'agent-b2.jsonl'),
    jsonl([assistantLine({ ...a, agentId: 'b2', isSidechain: true, messageId: 'msg_3', input: 1, output: 20, cacheRead: 4000, timestamp: '2026-02-10T10:02:00.000Z', version: '2.0.64' })]),
  );
  const b = { sessionId: 'sess-B', cwd: '/home/dev/app', version: '1.0.81' };
  await put(
    join(project, 'sess-B.jsonl'),
    summaryLine('Claude AI usage limit reached|1770800400', 'leaf-9') +
      '\n' +
      jsonl([
        // The resumed tail: msg_1 copied, later, into another session. Counted once, in session A.
        assistantLine({ ...b, ...msg1, sessionId: 'sess-B', output: 161, timestamp: '2026-02-11T09:00:00.000Z' }),
        assistantLine({ ...b, messageId: 'msg_4', input: 2, output: 30, cacheCreation: 100, cacheRead: 9500, timestamp: '2026-02-11T09:01:00.000Z' }),
        assistantLine({ ...b, isSidechain: true, messageId: 'msg_5', input: 5, output: 5, timestamp: '2026-02-11T09:02:00.000Z' }),
        'not json at all',
      ]) +
      // Claude Code mid-write: a last line with no newline yet.
      assistantLine({ ...b, messageId: 'msg_4', input: 2, output: 12, cacheCreation: 100, cacheRead: 9500, timestamp: '2026-02-11T09:01:00.500Z' }),
  );
  await put(join(root, 'history.jsonl'), '{"display":"not a transcript","timestamp":1}\n');
  return root;
}
