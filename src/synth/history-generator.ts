/**
 * A synthetic Claude Code history: sessions across a few projects, in all three on-disk eras, some of
 * them resumed (the new file starts with a copy of the old one's tail: same message ids, so the
 * counting rule must count them once). Deterministic for a seed.
 */
import { Prng } from './prng.js';
import { SessionScript, type Era, type FileAppend, type SynthTruth } from './session-script.js';
import { TextPool } from './text-pool.js';
import { summaryTitleLine } from './transcript-lines.js';

export interface HistoryOptions {
  readonly seed: number;
  /** Timeline start, epoch ms. */
  readonly start: number;
  readonly projects?: number;
}

const CWDS = ['/home/dev/api-server', '/home/dev/web app', '/Users/ana/src/tokentop', 'C:\\Users\\sam\\repo', '/srv/data-pipeline', '/home/dev/infra'];

export function projectSlug(cwd: string): string {
  return cwd.replace(/[/\\.: ]/g, '-');
}

export class HistoryGenerator {
  readonly truth: SynthTruth = { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, responses: 0, spawns: 0, limits: 0, retries: 0 };
  private readonly random: Prng;
  private readonly text: TextPool;
  private readonly cwds: readonly string[];
  private readonly lastTail = new Map<string, { sessionId: string; lines: string[] }>();
  private clock: number;
  private sessions = 0;

  constructor(options: HistoryOptions) {
    this.random = new Prng(options.seed);
    this.text = new TextPool(this.random);
    this.cwds = CWDS.slice(0, options.projects ?? CWDS.length);
    this.clock = options.start;
  }

  /** The next session's appends (its file, its sub-agent files and their meta files). */
  nextSession(): FileAppend[] {
    const { random } = this;
    const cwd = random.pick(this.cwds);
    const project = projectSlug(cwd);
    const roll = random.next();
    const era: Era = roll < 0.7 ? '2.1' : roll < 0.9 ? '2.0' : '1.0';
    const sessionId = random.uuid();
    const previous = this.lastTail.get(project);
    const resumedLines = previous !== undefined && random.chance(0.15) ? previous.lines.map((l) => l.replaceAll(previous.sessionId, sessionId)) : [];
    const header = era === '2.1' ? [] : [summaryTitleLine('Refactor the session parser', random.uuid())];
    this.sessions += 1;
    const script = new SessionScript({ project, cwd, sessionId, era, start: this.clock, turns: random.int(2, 14), resumedLines: [...header, ...resumedLines] }, random, this.text, this.truth, `${this.sessions.toString(36)}_`);
    const appends = script.run();
    const last = appends.at(-1);
    this.clock = (last?.time ?? this.clock) + random.int(1, 90) * 60_000;
    const own = appends.filter((a) => a.path.endsWith(`${sessionId}.jsonl`)).map((a) => a.line);
    this.lastTail.set(project, { sessionId, lines: own.slice(-8) });
    return appends;
  }
}
