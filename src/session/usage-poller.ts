/**
 * `--usage-api`: the dashboard's own figure. Polls the usage endpoint claude.ai's usage page reads,
 * with the user's own Claude Code login token, read from the credentials file at each poll and
 * never kept, refreshed, written, logged or shown (a problem names a status, never the token).
 * HTTPS to Anthropic's host only (a loopback URL may stand in for it, for tests:
 * TOKENTOP_USAGE_API_URL); at most one request per 3 minutes; 429 and Retry-After honoured with a
 * backoff; an expired login said once. Readings come out with source `usage-api`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { QuotaReading } from '../parse/proxy/quota-headers.js';
import { readingsFromUsageBody, UsageBodyError } from '../parse/usage-endpoint.js';

export const USAGE_URL = 'https://api.anthropic.com/api/oauth/usage';
/** Peers poll every 3-5 minutes; the endpoint answers faster pollers with 429. */
export const MIN_POLL_MS = 3 * 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;
/** After a refused or missing login: look again this much later (the user may log in meanwhile). */
const LOGIN_RETRY_MS = 15 * 60_000;
const TIMEOUT_MS = 10_000;
const MAX_BODY = 256 * 1024;

export interface UsagePollerOptions {
  /** `~/.claude/.credentials.json` (claudeAiOauth.accessToken, expiresAt). */
  readonly credentialsFile: string;
  /** The endpoint: USAGE_URL, or a loopback stand-in. */
  readonly url: string;
  readonly version: string;
  readonly now: () => number;
  readonly onReadings: (readings: readonly QuotaReading[]) => void;
  /** A problem, said once until it changes; never holds the token. */
  readonly onProblem: (message: string) => void;
  /** How long an answer may take (default 10 s). */
  readonly timeoutMs?: number;
  /** Where the last poll's time and outcome are kept for `tokentop doctor` (never the token); none when undefined. */
  readonly statusFile?: string | undefined;
}

/** The URL to poll: the real endpoint, or from the environment a loopback one (a test's server). Anything else is refused. */
export function usageUrl(env: NodeJS.ProcessEnv): { url: string; refused?: string } {
  const given = env.TOKENTOP_USAGE_API_URL;
  if (given === undefined || given === '') return { url: USAGE_URL };
  try {
    const u = new URL(given);
    if (['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return { url: given };
  } catch {
    // Not a URL: refused below.
  }
  return { url: USAGE_URL, refused: `TOKENTOP_USAGE_API_URL is not a loopback URL: ignored (the login token goes to Anthropic's host only)` };
}

type Answer = { readonly status: number; readonly body: string; readonly retryAfter: string | undefined };

export class UsagePoller {
  private backoff = MIN_POLL_MS;
  private lastProblem: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last poll: when, and what came of it (doctor shows it). */
  last: { readonly time: number; readonly outcome: string } | undefined;

  constructor(private readonly options: UsagePollerOptions) {}

  start(): void {
    const loop = async (): Promise<void> => {
      const delay = await this.pollOnce();
      if (!this.stopped) this.timer = setTimeout(() => void loop(), delay).unref();
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** One poll; returns how long to wait before the next. */
  async pollOnce(): Promise<number> {
    const now = this.options.now();
    const token = await this.token(now);
    if (typeof token !== 'string') return this.problem(token.problem, LOGIN_RETRY_MS, now);
    let answer: Answer;
    try {
      answer = await this.get(token);
    } catch (error) {
      return this.problem(`usage endpoint unreachable (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'error')}); trying again later`, this.nextBackoff(), now);
    }
    if (answer.status === 401 || answer.status === 403) return this.problem(`the usage endpoint refused the login (HTTP ${answer.status}): run claude to refresh your login`, LOGIN_RETRY_MS, now);
    if (answer.status === 429) return this.problem('the usage endpoint asks to poll less often (HTTP 429): waiting as it says', Math.max(retryAfterMs(answer.retryAfter, now) ?? 0, this.nextBackoff()), now);
    if (answer.status !== 200) return this.problem(`the usage endpoint answered HTTP ${answer.status}; trying again later`, this.nextBackoff(), now);
    try {
      const readings = readingsFromUsageBody(answer.body, now);
      this.options.onReadings(readings);
    } catch (error) {
      if (error instanceof UsageBodyError) return this.problem(`the usage endpoint's answer cannot be read: ${error.message}`, this.nextBackoff(), now);
      throw error;
    }
    this.backoff = MIN_POLL_MS;
    this.lastProblem = undefined;
    this.note({ time: now, outcome: 'ok' });
    return MIN_POLL_MS;
  }

  private problem(message: string, delay: number, now: number): number {
    this.note({ time: now, outcome: message });
    if (message !== this.lastProblem) this.options.onProblem(message);
    this.lastProblem = message;
    return delay;
  }

  private note(last: { time: number; outcome: string }): void {
    this.last = last;
    if (this.options.statusFile !== undefined) void writeFile(this.options.statusFile, `${JSON.stringify(last)}\n`).catch(() => undefined);
  }

  private nextBackoff(): number {
    this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    return this.backoff;
  }

  /** The access token, read now and not kept; or why there is none to use. */
  private async token(now: number): Promise<string | { problem: string }> {
    let raw: string;
    try {
      raw = await readFile(this.options.credentialsFile, 'utf8');
    } catch {
      return { problem: `no Claude Code login at ${this.options.credentialsFile}: run claude and log in (on macOS the login is in the keychain, which tokentop does not read)` };
    }
    let oauth: { accessToken?: unknown; expiresAt?: unknown } | undefined;
    try {
      oauth = (JSON.parse(raw) as { claudeAiOauth?: { accessToken?: unknown; expiresAt?: unknown } }).claudeAiOauth;
    } catch {
      return { problem: `${this.options.credentialsFile} cannot be read as JSON` };
    }
    if (typeof oauth?.accessToken !== 'string' || oauth.accessToken === '') return { problem: `no claudeAiOauth.accessToken in ${this.options.credentialsFile}: run claude and log in` };
    if (typeof oauth.expiresAt === 'number' && oauth.expiresAt <= now) return { problem: 'the Claude Code login has expired: run claude to refresh your login' };
    return oauth.accessToken;
  }

  private get(token: string): Promise<Answer> {
    const url = new URL(this.options.url);
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', headers: { authorization: `Bearer ${token}`, 'anthropic-beta': 'oauth-2025-04-20', 'user-agent': `tokentop/${this.options.version}`, accept: 'application/json' }, timeout: this.options.timeoutMs ?? TIMEOUT_MS }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > MAX_BODY) req.destroy(new Error('answer too large'));
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
  }
}

/** Retry-After in seconds or as an HTTP date, as milliseconds from now. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
