/**
 * One synthetic Claude Code session as timed file appends: turns of streamed responses (one line per
 * content block, output growing), tool results of 1-20 KB, idle gaps that expire the cache, and
 * sub-agents in the layout of the session's era. It knows the truth it wrote (SynthTruth).
 */
import type { Prng } from './prng.js';
import type { TextPool } from './text-pool.js';
import {
  agentProgressLine,
  aiTitleLine,
  assistantCopyLine,
  hookProgressLine,
  limitMessageLine,
  retryLine,
  toolResultLine,
  turnDurationLine,
  userPromptLine,
  type LineEnv,
  type Usage,
} from './transcript-lines.js';

/** An append of one line to a file under the config dir, at a moment of the simulated timeline. */
export interface FileAppend {
  /** Relative to the config dir, with `/` separators. */
  readonly path: string;
  readonly line: string;
  readonly time: number;
}

/** What the history holds, by the counting rule: the generator counts each response once, at its final size. */
export interface SynthTruth {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  responses: number;
  spawns: number;
  limits: number;
  retries: number;
}

export type Era = '1.0' | '2.0' | '2.1';
const VERSIONS: Record<Era, string> = { '1.0': '1.0.81', '2.0': '2.0.64', '2.1': '2.1.39' };
const MAIN_MODELS = ['claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101'];
const AGENT_MODELS = ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929'];
const TOOLS = ['Read', 'Bash', 'Edit', 'Grep'];
const SYSTEM_PROMPT_TOKENS = 14_000;
const CACHE_TTL_MS = 5 * 60_000;
const TITLE_VERBS = ['Fix', 'Refactor', 'Speed up', 'Debug', 'Add tests for', 'Clean up'];

/** A session's title, from its id: the script's random sequence (and every seed's history) stays as it was. */
function titleOf(sessionId: string): string {
  const code = [...sessionId].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return `${TITLE_VERBS[code % TITLE_VERBS.length] ?? 'Fix'} ${TASK_SUBJECTS[code % TASK_SUBJECTS.length] ?? 'the parser'}`;
}

const TASK_VERBS = ['Find', 'Review', 'Audit', 'Map', 'Trace', 'Summarize', 'Check', 'Document'];
const TASK_SUBJECTS = [
  'the auth middleware',
  'the billing webhooks',
  'the retry logic',
  'the CSV importer',
  'flaky tests in the API suite',
  'the session store',
  'the cache layer',
  'unused exports',
  'the migration scripts',
  'error handling in the CLI',
  'the rate limiter',
  'the search index',
  'the config loader',
  'N+1 queries in the orders view',
  'the feature flags',
  'the deploy pipeline',
];

export interface SessionSpec {
  readonly project: string;
  readonly cwd: string;
  readonly sessionId: string;
  readonly era: Era;
  readonly start: number;
  readonly turns: number;
  /** Lines of an earlier session copied to the top of this one (a resumed session). */
  readonly resumedLines: readonly string[];
  /** The main model; by default one is picked. */
  readonly model?: string;
}

/** A running conversation: its file, its envelope and its growing context. */
interface Thread {
  readonly file: string;
  readonly env: LineEnv;
  readonly model: string;
  context: number;
  lastResponse: number;
  parent: string | null;
}

/** One response's tokens into the truth a generator keeps. */
export function countResponse(truth: SynthTruth, u: Usage): void {
  truth.input += u.input;
  truth.output += u.output;
  truth.cacheCreation += u.cacheCreation;
  truth.cacheRead += u.cacheRead;
  truth.responses += 1;
}

export class SessionScript {
  readonly appends: FileAppend[] = [];
  private time: number;

  constructor(
    private readonly spec: SessionSpec,
    private readonly random: Prng,
    private readonly text: TextPool,
    private readonly truth: SynthTruth,
    private readonly idPrefix: string,
  ) {
    this.time = spec.start;
  }

  /** Generate the whole session; returns the appends in timeline order per file. */
  run(): FileAppend[] {
    const { spec, random } = this;
    const file = `projects/${spec.project}/${spec.sessionId}.jsonl`;
    for (const line of spec.resumedLines) this.append(file, line);
    const main: Thread = { file, env: { sessionId: spec.sessionId, cwd: spec.cwd, version: VERSIONS[spec.era], isSidechain: false }, model: spec.model ?? random.pick(MAIN_MODELS), context: 0, lastResponse: 0, parent: null };
    for (let turn = 0; turn < spec.turns; turn++) {
      this.time += turn === 0 ? 0 : random.chance(0.25) ? random.int(6, 40) * 60_000 : random.int(10, 120) * 1000;
      this.line(main, (ids) => userPromptLine(main.env, ids, this.text.text(random, random.int(80, 1500))));
      // 2.1.x titles a session after its first prompt (an `ai-title` line).
      if (turn === 0 && spec.era === '2.1') this.append(file, aiTitleLine(spec.sessionId, titleOf(spec.sessionId)));
      const turnStart = this.time;
      const steps = random.int(1, 6);
      for (let step = 0; step < steps; step++) this.step(main, step === steps - 1, true);
      if (random.chance(0.03)) this.retryStorm(main);
      this.line(main, (ids) => turnDurationLine(main.env, ids, this.time - turnStart));
    }
    if (random.chance(0.02)) {
      this.truth.limits += 1;
      this.line(main, (ids) => limitMessageLine(main.env, ids, this.id(), "You've hit your limit · resets 5am (America/Los_Angeles)"));
    }
    return this.appends;
  }

  /**
   * A Task's input, as Claude writes one: a short task name (a verb and a subject, 8 x 16 of them, so
   * a normal day has no clone loop) and a prompt that starts with it.
   */
  private taskInput(): Record<string, unknown> {
    const description = `${this.random.pick(TASK_VERBS)} ${this.random.pick(TASK_SUBJECTS)}`;
    const prompt = `${description}. ${this.text.text(this.random, 300)}`;
    return { description, prompt, subagent_type: this.random.pick(['Explore', 'general-purpose', 'Plan']) };
  }

  private step(thread: Thread, final: boolean, mayDelegate: boolean): void {
    const { random } = this;
    const toolUses = final ? 0 : random.int(1, 3);
    const delegate = mayDelegate && !final && random.chance(0.12);
    const blocks: Array<Record<string, unknown>> = [];
    if (random.chance(0.5)) blocks.push({ type: 'thinking', thinking: this.text.text(random, random.int(100, 1200)), signature: random.hex(64) });
    if (final || random.chance(0.6)) blocks.push({ type: 'text', text: this.text.text(random, random.int(40, 900)) });
    const tools: Array<{ id: string; name: string }> = [];
    for (let i = 0; i < toolUses; i++) {
      const id = `toolu_${random.hex(24)}`;
      const name = delegate && i === 0 ? (this.spec.era === '2.1' ? 'Agent' : 'Task') : random.pick(TOOLS);
      tools.push({ id, name });
      const input = name === 'Task' || name === 'Agent' ? this.taskInput() : { command: this.text.text(random, 60) };
      blocks.push({ type: 'tool_use', id, name, input });
    }
    this.response(thread, blocks);
    for (const tool of tools) {
      if (tool.name === 'Task' || tool.name === 'Agent') this.subagent(thread, tool.id);
      else this.toolResult(thread, tool.id, random.int(1000, 20_000));
    }
  }

  private response(thread: Thread, blocks: ReadonlyArray<Record<string, unknown>>): void {
    const { random } = this;
    const cold = this.time - thread.lastResponse > CACHE_TTL_MS;
    const fresh = thread.context === 0 ? SYSTEM_PROMPT_TOKENS + random.int(500, 3000) : random.int(300, 6000);
    // Warm cache: only the new part is written. Cold: everything is written again (an idle purge).
    const usage: Usage = {
      input: random.int(1, 12),
      output: random.int(20, 1800),
      cacheCreation: cold ? thread.context + fresh : fresh,
      cacheRead: cold ? 0 : thread.context,
      cacheCreation1h: 0,
    };
    thread.context = Math.min(thread.context + fresh, 180_000);
    thread.lastResponse = this.time;
    this.count(usage);
    const messageId = `msg_${this.id()}`;
    const requestId = `req_${this.id()}`;
    blocks.forEach((block, i) => {
      const last = i === blocks.length - 1;
      // Early copies carry a small running output count; the last carries the final one.
      const output = last ? usage.output : Math.min(usage.output, random.int(1, 12));
      this.time += random.int(40, 900);
      this.line(thread, (ids) => assistantCopyLine(thread.env, ids, { messageId, requestId, model: thread.model, block, usage: { ...usage, output }, last }));
    });
  }

  private toolResult(thread: Thread, toolUseId: string, size: number): void {
    const { random } = this;
    const content = this.text.text(random, size);
    this.time += random.int(200, 4000);
    this.line(thread, (ids) => toolResultLine(thread.env, ids, toolUseId, content, { stdout: content, stderr: '', interrupted: false, isImage: false }));
    if (random.chance(0.2)) this.line(thread, (ids) => hookProgressLine(thread.env, ids, toolUseId));
  }

  /** A sub-agent: its own responses in the era's layout, progress in the parent, then its result. */
  private subagent(parent: Thread, toolUseId: string): void {
    const { random, spec } = this;
    this.truth.spawns += 1;
    const agentId = spec.era === '2.0' ? random.hex(8) : spec.era === '2.1' ? `a${random.hex(16)}` : undefined;
    const dir = `projects/${spec.project}`;
    const file = spec.era === '2.1' ? `${dir}/${spec.sessionId}/subagents/agent-${agentId}.jsonl` : spec.era === '2.0' ? `${dir}/agent-${agentId}.jsonl` : parent.file;
    if (spec.era === '2.1') this.appends.push({ path: file.replace(/\.jsonl$/, '.meta.json'), line: JSON.stringify({ agentType: 'Explore', description: 'Explore the module', toolUseId, spawnDepth: 1 }), time: this.time });
    const env: LineEnv = { ...parent.env, isSidechain: true, ...(agentId === undefined ? {} : { agentId }) };
    const child: Thread = { file, env, model: random.pick(AGENT_MODELS), context: 0, lastResponse: 0, parent: null };
    const before = { ...this.truth };
    const steps = random.int(2, 8);
    for (let s = 0; s < steps; s++) {
      this.step(child, s === steps - 1, false);
      if (spec.era !== '1.0' && random.chance(0.5)) {
        const embedded = this.appends.at(-1)?.line ?? '{}';
        this.line(parent, (ids) => agentProgressLine(parent.env, ids, toolUseId, agentId ?? '', embedded));
      }
    }
    const rollup = { input: this.truth.input - before.input, output: this.truth.output - before.output, cacheCreation: this.truth.cacheCreation - before.cacheCreation, cacheRead: this.truth.cacheRead - before.cacheRead, cacheCreation1h: 0 };
    const answer = this.text.text(random, random.int(500, 4000));
    const result = { status: 'completed', prompt: 'Explore the module', agentId: agentId ?? random.hex(8), content: [{ type: 'text', text: answer }], totalDurationMs: random.int(5000, 200_000), totalTokens: rollup.input + rollup.output + rollup.cacheCreation + rollup.cacheRead, totalToolUseCount: steps, usage: rollup };
    this.line(parent, (ids) => toolResultLine(parent.env, ids, toolUseId, answer, result));
  }

  private retryStorm(thread: Thread): void {
    const attempts = this.random.int(1, 6);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.truth.retries += 1;
      this.time += 500 * 2 ** (attempt - 1);
      this.line(thread, (ids) => retryLine(thread.env, ids, attempt, 'ConnectionRefused'));
    }
  }

  private count(u: Usage): void {
    countResponse(this.truth, u);
  }

  private line(thread: Thread, build: (ids: { uuid: string; parentUuid: string | null; time: number }) => string): void {
    const uuid = this.random.uuid();
    this.time += 1;
    this.append(thread.file, build({ uuid, parentUuid: thread.parent, time: this.time }));
    thread.parent = uuid;
  }

  private append(path: string, line: string): void {
    this.appends.push({ path, line, time: this.time });
  }

  private id(): string {
    return `${this.idPrefix}${this.random.hex(20)}`;
  }
}
