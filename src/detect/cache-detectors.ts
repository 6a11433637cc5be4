/**
 * The prompt cache, judged from the cause of each large write (cache-causes.ts): an idle purge is
 * noted (info); misses in a row are a cascade, a single large miss is reported alone; two Claude
 * Code processes writing one session are their own anomaly. Expected rebuilds (a first request, a
 * compaction, a model or version change) raise nothing.
 */
import type { ResponseRecord } from '../metrics/usage-ledger.js';
import { compact, duration } from '../metrics/token-math.js';
import { groupBy } from './group-by.js';
import { anomaly, type Anomaly, type Evidence } from './anomaly.js';
import type { DetectorInput } from './detector-input.js';
import { factsOf } from './detector-facts.js';
import { writeWeight, type WriteCause } from './cache-causes.js';

const evidence = (r: ResponseRecord): Evidence => ({ kind: 'line', file: r.origin.file, line: r.origin.line, note: `${r.key} at ${new Date(r.time).toISOString()}: wrote ${r.cacheCreation} tokens to the cache, read ${r.cacheRead}` });

const ttlWords = (ms: number): string => (ms >= 3_600_000 ? '1-hour' : `${Math.round(ms / 60_000)}-minute`);

/** What the previous request of the thread tells: how long before, and what it did with the cache. */
function afterWords(c: WriteCause): string {
  const p = c.previous;
  if (p === undefined) return '';
  return `${duration(c.response.time - p.time)} after a request that ${p.cacheRead >= p.cacheCreation ? `read ${compact(p.cacheRead)}` : `wrote ${compact(p.cacheCreation)}`}`;
}

const MISS_BASIS = "from local files: same thread, model and Claude Code version, inside the TTL its last write declared; a change of system prompt, tools, MCP servers or CLAUDE.md also rewrites the cache and is not in the transcript";
const MISS_ADVICE = 'if it recurs, look for what changes between requests (tool lists, MCP servers, CLAUDE.md edits); Claude Code 2.1.251+ names a miss cause in its statusline input';

/** cache-miss-cascade, cache-miss (warn), two-writers (warn) and idle-purge (info). */
export function cacheMisses(input: DetectorInput): Anomaly[] {
  const t = input.thresholds;
  const out: Anomaly[] = [];
  const causes = [...factsOf(input).writes.values()];
  for (const c of causes) {
    if (c.kind !== 'idle-purge' || c.previous === undefined) continue;
    const r = c.response;
    out.push(
      anomaly({
        kind: 'idle-purge',
        severity: 'info',
        start: r.time,
        end: undefined,
        sessionId: r.scope.sessionId,
        message: `cache rebuilt after ${Math.round((r.time - c.previous.time) / 60_000)} min idle (expected after the ${ttlWords(c.ttlMs)} TTL)${c.reported === undefined ? '' : ` · Claude Code names the cause: ${c.reported}`}`,
        certainty: c.reported === undefined ? 'inferred' : 'confirmed',
        basis: c.reported === undefined ? `the thread's last write declared a ${ttlWords(c.ttlMs)} TTL and it was quiet longer than that` : `Claude Code's statusline reported the cache expired (${c.reported})`,
        advice: 'nothing: this is what the cache does; 1-hour writes (Claude Code 2.1.x) keep it across longer pauses',
        evidence: [evidence(r)],
      }),
    );
  }
  const threads = groupBy(causes, (c) => `${c.response.scope.sessionId}\u0000${c.response.scope.agentId ?? ''}`);
  for (const list of threads.values()) {
    list.sort((a, b) => a.response.time - b.response.time);
    out.push(...missRuns(list, t.cascadeLength, t.singleMissTokens), ...twoWriters(list));
  }
  return out;
}

/** Misses that follow each other (the previous request of each is a miss too) in a run; a run this long is a cascade. */
function missRuns(list: readonly WriteCause[], cascadeLength: number, singleMissTokens: number): Anomaly[] {
  const out: Anomaly[] = [];
  let run: WriteCause[] = [];
  const close = (): void => {
    if (run.length >= cascadeLength) out.push(cascade(run));
    else for (const c of run) if (writeWeight(c.response) >= singleMissTokens) out.push(single(c));
    run = [];
  };
  for (const c of list) {
    if (c.kind !== 'miss') {
      close();
      continue;
    }
    if (run.length > 0 && c.previous !== run.at(-1)?.response) close();
    run.push(c);
  }
  close();
  return out;
}

/** What Claude Code itself said of these misses: the causes it named, if any. */
function reportedWords(causes: readonly WriteCause[]): { suffix: string; certainty: 'confirmed' | 'inferred'; basis: string } {
  const named = [...new Set(causes.flatMap((c) => (c.reported === undefined ? [] : [c.reported])))];
  if (named.length === 0) return { suffix: '', certainty: 'inferred', basis: MISS_BASIS };
  return { suffix: ` · Claude Code names the cause: ${named.join(', ')}`, certainty: 'confirmed', basis: `Claude Code's statusline reported the miss and named its cause (${named.join(', ')})` };
}

function cascade(run: readonly WriteCause[]): Anomaly {
  const first = run[0] as WriteCause;
  const written = run.reduce((sum, c) => sum + c.response.cacheCreation, 0);
  const said = reportedWords(run);
  return anomaly({
    kind: 'cache-miss-cascade',
    severity: 'warn',
    start: first.response.time,
    end: run.at(-1)?.response.time,
    sessionId: first.response.scope.sessionId,
    message: `${run.length} requests in a row wrote the whole context to the cache again while the session was busy (${compact(written)} tokens written)${said.suffix}`,
    certainty: said.certainty,
    basis: said.basis,
    advice: MISS_ADVICE,
    evidence: run.map((c) => evidence(c.response)),
  });
}

function single(c: WriteCause): Anomaly {
  const r = c.response;
  return anomaly({
    kind: 'cache-miss',
    severity: 'warn',
    start: r.time,
    end: r.time,
    sessionId: r.scope.sessionId,
    message: `a ${compact(r.cacheCreation)}-token cache rewrite ${afterWords(c)}${c.reported === undefined ? `, inside the ${ttlWords(c.ttlMs)} TTL` : ''}: a prompt-cache miss (${compact(writeWeight(r))} input-equivalent)${reportedWords([c]).suffix}`,
    certainty: reportedWords([c]).certainty,
    basis: reportedWords([c]).basis,
    advice: MISS_ADVICE,
    evidence: [...(c.previous === undefined ? [] : [evidence(c.previous)]), evidence(r)],
  });
}

/** The rewrites of one thread whose cause is two processes taking turns: one anomaly per thread. */
function twoWriters(list: readonly WriteCause[]): Anomaly[] {
  const turns = list.filter((c) => c.kind === 'two-writers');
  const first = turns[0];
  if (first === undefined) return [];
  const versions = [...new Set(turns.flatMap((c) => [c.response.scope.version, c.previous?.scope.version]).filter((v) => v !== undefined))].sort();
  const written = turns.reduce((sum, c) => sum + c.response.cacheCreation, 0);
  return [
    anomaly({
      kind: 'two-writers',
      severity: 'warn',
      start: first.response.time,
      end: turns.at(-1)?.response.time,
      sessionId: first.response.scope.sessionId,
      message: `two Claude Code processes appended to one ${first.response.scope.agentId === undefined ? 'session' : 'sub-agent'} (versions ${versions.join(' and ')} take turns): ${turns.length} cache rewrite${turns.length === 1 ? '' : 's'}, ${compact(written)} tokens written, each rebuilding what the other wrote`,
      certainty: 'inferred',
      basis: 'inferred from the versions Claude Code wrote on each line: one version, then another, then the first again, in one thread',
      advice: 'close one of the two terminals running this session (the same session resumed twice)',
      evidence: turns.slice(0, 6).flatMap((c) => [...(c.previous === undefined ? [] : [evidence(c.previous)]), evidence(c.response)]),
    }),
  ];
}
