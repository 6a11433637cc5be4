/**
 * The demo's timeline: four sessions working at once on different projects and models, one session
 * scripted to show every panel move in the first three minutes, and a proxy log whose 5h quota
 * climbs. Pure and deterministic for a seed: next(until) hands out every append due by then, in
 * time order; the writer decides when "then" is (real time for the demo, at once for a recording).
 *
 * The script (seconds after start): 25 a burst of ten parallel sub-agents, one task cloned five times; 70 a cache-miss cascade
 * (four busy requests that write the whole context again); 110 a usage-limit message; 130 the 5h
 * utilization falls from ~30% to 0 with hours left before its reset; 170 it comes back.
 */
import { Prng } from './prng.js';
import { claudeTraceLine, type QuotaReading } from './proxy-lines.js';
import { countResponse, SessionScript, type FileAppend, type SynthTruth } from './session-script.js';
import { TextPool } from './text-pool.js';
import { assistantCopyLine, customTitleLine, limitMessageLine, toolResultLine, userPromptLine, type LineEnv, type Usage } from './transcript-lines.js';
import { projectSlug } from './history-generator.js';

const LANES = [
  { cwd: '/home/dev/api-server', model: 'claude-opus-4-6' },
  { cwd: '/home/dev/web app', model: 'claude-sonnet-4-5-20250929' },
  { cwd: '/srv/data-pipeline', model: 'claude-haiku-4-5-20251001' },
] as const;
const INCIDENT = { cwd: '/home/dev/payments', model: 'claude-opus-4-6' } as const;
/** Where the proxy log goes, relative to the demo's root (beside the config dir). */
export const DEMO_PROXY_LOG = 'proxy/claude-trace.jsonl';
const PROXY_EVERY_MS = 10_000;

export class DemoTimeline {
  readonly truth: SynthTruth = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0, spawns: 0, limits: 0, retries: 0 };
  private readonly random: Prng;
  private readonly text: TextPool;
  private readonly pending: FileAppend[] = [];
  private readonly laneEnds: number[];
  private sessions = 0;
  private nextProxy: number;

  constructor(
    seed: number,
    private readonly start: number,
  ) {
    this.random = new Prng(seed);
    this.text = new TextPool(this.random, 1 << 18);
    this.laneEnds = LANES.map((_, i) => start + i * 4000);
    this.nextProxy = start + 5000;
    this.pending.push(...this.incidents());
  }

  /** Every append due by `until`, in time order. */
  next(until: number): FileAppend[] {
    LANES.forEach((lane, i) => {
      while ((this.laneEnds[i] ?? Infinity) <= until + 60_000) this.addSession(i, lane.cwd, lane.model);
    });
    while (this.nextProxy <= until) {
      this.pending.push(this.proxyLine(this.nextProxy));
      this.nextProxy += PROXY_EVERY_MS;
    }
    this.pending.sort((a, b) => a.time - b.time);
    const due = this.pending.findIndex((a) => a.time > until);
    return this.pending.splice(0, due < 0 ? this.pending.length : due);
  }

  private addSession(lane: number, cwd: string, model: string): void {
    const begin = this.laneEnds[lane] ?? this.start;
    this.sessions += 1;
    const script = new SessionScript(
      { project: projectSlug(cwd), cwd, sessionId: this.random.uuid(), era: '2.1', start: begin, turns: this.random.int(3, 8), resumedLines: [], model },
      this.random,
      this.text,
      this.truth,
      `d${this.sessions.toString(36)}_`,
    );
    const appends = script.run();
    this.pending.push(...appends);
    // An idle gap longer than the cache TTL now and then: the next session starts cold.
    this.laneEnds[lane] = (appends.at(-1)?.time ?? begin) + this.random.int(20, 400) * 1000;
  }

  /** When the 5h window resets: the proxy's headers and the limit message say the same (the server's one reset). */
  private get fiveHourReset(): number {
    return this.start + 3 * 3_600_000 + 17 * 60_000;
  }

  /** The 5h quota: climbing from 28%, falling to 0 at 130 s (reset still hours away), back at 170 s. */
  private quotaAt(time: number): QuotaReading {
    const elapsed = (time - this.start) / 1000;
    const climbing = 0.28 + elapsed * 0.0002;
    const dropped = elapsed >= 130 && elapsed < 170;
    return {
      status: 'allowed',
      fiveHour: dropped ? 0 : climbing,
      fiveHourReset: this.fiveHourReset,
      sevenDay: 0.41 + elapsed * 0.00002,
      sevenDayReset: this.start + 4 * 86_400_000,
    };
  }

  private proxyLine(time: number): FileAppend {
    const usage = { input: this.random.int(1, 12), output: this.random.int(40, 900), cacheCreation: this.random.int(200, 4000), cacheRead: this.random.int(20_000, 90_000) };
    const line = claudeTraceLine({ time, model: INCIDENT.model, usage, quota: this.quotaAt(time), requestId: `req_demo_${this.random.hex(16)}` });
    return { path: DEMO_PROXY_LOG, line, time };
  }

  /** The scripted session: a burst of sub-agents, a cache-miss cascade, a usage-limit message. */
  private incidents(): FileAppend[] {
    const out: FileAppend[] = [];
    const sessionId = this.random.uuid();
    const project = projectSlug(INCIDENT.cwd);
    const file = `projects/${project}/${sessionId}.jsonl`;
    const env: LineEnv = { sessionId, cwd: INCIDENT.cwd, version: '2.1.63', isSidechain: false };
    let parent: string | null = null;
    const line = (path: string, time: number, build: (ids: { uuid: string; parentUuid: string | null; time: number }) => string, lineEnv = env): void => {
      const uuid = this.random.uuid();
      out.push({ path, line: build({ uuid, parentUuid: lineEnv === env ? parent : null, time }), time });
      if (lineEnv === env) parent = uuid;
    };
    const respond = (time: number, usage: Usage, block: Record<string, unknown>, lineEnv = env, path = file): void => {
      countResponse(this.truth, usage);
      line(path, time, (ids) => assistantCopyLine(lineEnv, ids, { messageId: `msg_demo_${this.random.hex(20)}`, requestId: `req_demo_${this.random.hex(16)}`, model: INCIDENT.model, block, usage, last: true }), lineEnv);
    };
    const t = (seconds: number): number => this.start + seconds * 1000;

    line(file, t(8), (ids) => userPromptLine(env, ids, 'Audit every payment provider adapter in parallel and fix what is broken.'));
    // Named by its user (/rename): a custom title outranks Claude Code's own.
    out.push({ path: file, line: customTitleLine(sessionId, 'payments: 決済アダプタ監査 🔍'), time: t(9) });
    respond(t(12), { input: 6, output: 220, cacheCreation: 18_000, cacheRead: 0, cacheCreation1h: 0 }, { type: 'text', text: 'Reading the adapters first.' });

    // 25 s: ten sub-agents at once, each in subagents/ with its .meta.json, answered 30-150 s later;
    // the stripe audit is cloned five times over, the parallel loop users were burned by.
    const agents = ['stripe', 'adyen', 'paypal', 'klarna', 'mollie', 'braintree', 'stripe', 'stripe', 'stripe', 'stripe'];
    agents.forEach((name, i) => {
      const toolUseId = `toolu_demo_${this.random.hex(20)}`;
      const agentId = `a${this.random.hex(16)}`;
      this.truth.spawns += 1;
      respond(t(25) + i * 150, { input: 4, output: 90 + i, cacheCreation: 600, cacheRead: 18_000, cacheCreation1h: 0 }, { type: 'tool_use', id: toolUseId, name: 'Agent', input: { subagent_type: 'general-purpose', description: `Audit the ${name} adapter`, prompt: `Audit src/payments/${name}.ts` } });
      const agentFile = `projects/${project}/${sessionId}/subagents/agent-${agentId}.jsonl`;
      out.push({ path: agentFile.replace(/\.jsonl$/, '.meta.json'), line: JSON.stringify({ agentType: 'general-purpose', description: `Audit the ${name} adapter`, toolUseId, spawnDepth: 1 }), time: t(25) + i * 150 });
      const agentEnv: LineEnv = { ...env, isSidechain: true, agentId };
      const steps = 2 + (i % 3);
      for (let s = 0; s < steps; s++) respond(t(30 + s * 10) + i * 900, { input: 3, output: 300 + s * 40, cacheCreation: 2500, cacheRead: 12_000 + s * 3000, cacheCreation1h: 0 }, { type: 'text', text: this.text.text(this.random, 300) }, agentEnv, agentFile);
      const done = t(35 + steps * 10 + i * 8);
      line(file, done, (ids) => toolResultLine(env, ids, toolUseId, `The ${name} adapter: 2 issues fixed.`, { status: 'completed', prompt: `Audit src/payments/${name}.ts`, agentId, content: [{ type: 'text', text: 'done' }], totalDurationMs: done - t(25), totalTokens: 60_000, totalToolUseCount: steps, usage: { input_tokens: 1, output_tokens: 1 } }));
    });

    // 70 s: a cache-miss cascade: busy requests, 8 s apart, each writing the whole context again.
    for (let k = 0; k < 4; k++) respond(t(70 + k * 8), { input: 5, output: 180, cacheCreation: 64_000 + k * 2000, cacheRead: 0, cacheCreation1h: 0 }, { type: 'text', text: 'Re-reading the whole payment module.' });

    // 110 s: the session hits its limit; its text names the window's reset to the hour, in UTC, as Claude Code does.
    const reset = new Date(this.fiveHourReset);
    const hour = reset.getUTCHours();
    const label = `${hour % 12 === 0 ? 12 : hour % 12}${hour < 12 ? 'am' : 'pm'}`;
    this.truth.limits += 1;
    line(file, t(110), (ids) => limitMessageLine(env, ids, this.random.uuid(), `You've hit your session limit · resets ${label} (UTC)`));
    return out;
  }
}
