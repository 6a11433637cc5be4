/**
 * What Claude Code (2.1.205+) hands a `subagentStatusLine` command on stdin: `{columns, tasks:
 * [{id, name, type, status, description, startTime, model, tokenCount, cwd, …}]}`, its own live view
 * of its sub-agents (DOMAIN.md section 11); it reads NDJSON `{id, content}` lines back. Checked by
 * hand (no zod: the command runs every few seconds). Descriptions are untrusted and redacted.
 */
import { redactSecrets } from './secrets.js';
import { oneLine } from './untrusted-text.js';
import { jsonObject, num, obj, str } from './json-value.js';

export interface SubagentTask {
  readonly id: string;
  readonly name: string | undefined;
  readonly type: string | undefined;
  readonly status: string | undefined;
  readonly description: string | undefined;
  /** Epoch ms, when given (seconds or ms, or an ISO time, are all read). */
  readonly startTime: number | undefined;
  readonly model: string | undefined;
  readonly tokenCount: number | undefined;
}

export interface SubagentStatus {
  readonly time: number;
  readonly sessionId: string | undefined;
  readonly tasks: readonly SubagentTask[];
}

/** At most this many tasks are kept of one input: a runaway fan-out must not make a record line of megabytes. */
const MAX_TASKS = 500;

function startOf(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined) return n < 1e12 ? n * 1000 : n;
  const s = str(v);
  const t = s === undefined ? Number.NaN : Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Undefined when the text is not the JSON object Claude Code sends. */
export function parseSubagentStatus(text: string, now: number): SubagentStatus | undefined {
  const input = jsonObject(text);
  if (input === undefined || !Array.isArray(input.tasks)) return undefined;
  const tasks: SubagentTask[] = [];
  for (const raw of input.tasks.slice(0, MAX_TASKS)) {
    const t = obj(raw);
    const id = str(t?.id);
    if (t === undefined || id === undefined) continue;
    const description = str(t.description);
    tasks.push({ id, name: str(t.name), type: str(t.type), status: str(t.status), description: description === undefined ? undefined : oneLine(redactSecrets(description), 200), startTime: startOf(t.startTime), model: str(t.model), tokenCount: num(t.tokenCount) });
  }
  return { time: now, sessionId: str(input.session_id), tasks };
}

/** The NDJSON Claude Code reads back: a line per task, `⏵ Explore · running · 12.3k tokens · 45s`. */
export function subagentStatusLines(s: SubagentStatus, now: number): string[] {
  return s.tasks.map((t) => {
    const parts = [t.type ?? t.name ?? 'agent', t.status ?? '', t.tokenCount === undefined ? '' : `${compactCount(t.tokenCount)} tokens`, t.startTime === undefined ? '' : `${Math.max(0, Math.round((now - t.startTime) / 1000))}s`].filter((p) => p !== '');
    return JSON.stringify({ id: t.id, content: oneLine(parts.join(' · '), 120) });
  });
}

function compactCount(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** A line of the record `tokentop subagent-status` writes, read back; undefined when it is not one. */
export function subagentStatusFromRecordLine(text: string): SubagentStatus | undefined {
  const line = jsonObject(text);
  const time = num(line?.time);
  if (line === undefined || time === undefined || !Array.isArray(line.tasks)) return undefined;
  const tasks = line.tasks.flatMap((raw): SubagentTask[] => {
    const t = obj(raw);
    const id = str(t?.id);
    return t === undefined || id === undefined ? [] : [{ id, name: str(t.name), type: str(t.type), status: str(t.status), description: str(t.description), startTime: num(t.startTime), model: str(t.model), tokenCount: num(t.tokenCount) }];
  });
  return { time, sessionId: str(line.sessionId), tasks };
}
