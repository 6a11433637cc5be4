import { describe, expect, it } from 'vitest';
import type { LimitEvent, RetryEvent } from '../parse/events.js';
import { EventLedger } from './event-ledger.js';

const scope = { sessionId: 's1', agentId: undefined, isSidechain: false, project: 'p', cwd: undefined };
const T = Date.parse('2026-03-02T09:00:00Z');

/** A limit message; its copy in a resumed session keeps its uuid and gets the resume's time. */
const limit = (time: number | undefined, file: string): LimitEvent => ({ kind: 'limit', key: 'uuid-1', time, text: "You've hit your limit · resets 2pm (UTC)", limitKind: 'usage-limit', window: '5h', resetAt: T + 5 * 3_600_000, resetText: '2pm (UTC)', scope, origin: { file, line: 1 } });
const retry = (time: number, file: string): RetryEvent => ({ kind: 'retry', key: 'uuid-2', time, attempt: 1, maxRetries: 10, retryInMs: 500, errorCode: undefined, scope, origin: { file, line: 2 } });

describe('EventLedger', () => {
  it('keeps the earliest timed copy of a limit message and of a retry, in whatever order the files are read', () => {
    const original = limit(T, '/old.jsonl');
    const copy = limit(T + 6 * 3_600_000, '/resumed.jsonl');
    const title = limit(undefined, '/summary.jsonl');
    for (const order of [[original, copy, title], [copy, original, title], [title, copy, original], [copy, title, original]]) {
      const ledger = new EventLedger();
      for (const e of order) ledger.apply(e);
      expect(ledger.limits.get('uuid-1')?.origin.file).toBe('/old.jsonl');
    }
    for (const order of [[retry(T, '/old.jsonl'), retry(T + 1000, '/new.jsonl')], [retry(T + 1000, '/new.jsonl'), retry(T, '/old.jsonl')]]) {
      const ledger = new EventLedger();
      for (const e of order) ledger.apply(e);
      expect(ledger.retries.get('uuid-2')?.origin.file).toBe('/old.jsonl');
    }
  });
});
