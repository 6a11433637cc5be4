import { describe, expect, it } from 'vitest';
import { at, fileOf, limit, quota, response, scenario, scopeOf } from '../../test/helpers/detector-scenario.js';
import { limitHit, prematureLockout } from './limit-detectors.js';

const HOUR = 60;
const DAY = 24 * HOUR;
const M = 1_000_000;

describe('limit-hit', () => {
  it('reports each lockout once, with its reset in the local time of its zone and in UTC', () => {
    const l = limit(30, "You've hit your limit · resets 2pm (Europe/Paris)", Date.parse('2026-03-02T13:00:00Z'));
    const again = limit(31, "You've hit your limit · resets 2pm (Europe/Paris)", Date.parse('2026-03-02T13:00:00Z'));
    const found = limitHit(scenario({ responses: [response(10, { input: 1000 })], limits: [l, again, limit(40, 'API Error: Rate limit reached', undefined)] }));
    expect(found.map((a) => [a.kind, a.severity, a.start])).toEqual([
      ['limit-hit', 'info', at(30)],
      ['limit-hit', 'info', at(40)],
    ]);
    expect(found[0]?.message.startsWith('5-hour limit reached: resets 2026-03-02 14:00 Europe/Paris (13:00 UTC) · 2 messages · this machine used 1.0k')).toBe(true);
    expect(found[0]?.evidence.map((e) => (e.kind === 'line' ? e.line : undefined))).toEqual([l.origin.line, again.origin.line]);
    expect(found[1]?.message).toBe('rate limited (API 429): retried by Claude Code');
  });

  it('names the window by its reset, and the spend cap by its text', () => {
    const weekly = limit(30, "You've hit your limit · resets Mar 5, 9am (Europe/Paris)", Date.parse('2026-03-05T08:00:00Z'));
    const spend = limit(40, "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", undefined);
    const found = limitHit(scenario({ responses: [response(10, { input: 1000 })], limits: [weekly, spend] }));
    expect(found.map((a) => a.message.split(' · ')[0])).toEqual(['weekly limit reached: resets 2026-03-05 09:00 Europe/Paris (08:00 UTC)', 'monthly spend limit reached: no reset: the cap is raised by hand']);
  });

  it('says when there was no local usage before the lockout: usage elsewhere counts', () => {
    const [found] = limitHit(scenario({ limits: [limit(30)] }));
    expect(found?.message).toMatch(/no local usage in the 5-hour window before it: usage elsewhere counts toward the same limit$/);
    const [near] = limitHit(scenario({ responses: [response(29, { output: 10 })], limits: [limit(30)] }));
    expect(near?.message).not.toMatch(/usage elsewhere/);
  });
});

/** The same response or limit written in another config dir (another machine's backup, another account). */
const inDir = <T extends { origin: { file: string; line: number } }>(e: T, dir: string): T => ({ ...e, origin: { ...e.origin, file: `${dir}/projects/-home-dev-app/${e.origin.file.split('/').at(-1) ?? ''}` } });

describe('limit-hit: what local files can say of a lockout, and no more', () => {
  it('gives the tokens this config dir used since the window opened, Anthropic-served only, and says usage elsewhere counts', () => {
    // Window opens at the reset less 5h (T0); 1M input on Claude, 5M on a third-party backend, 4M via Vertex: only the 1M count.
    const claude = response(10, { input: 1 * M });
    const glm = { ...response(20, { input: 5 * M }), model: 'glm-4.7' };
    const vertex = { ...response(25, { input: 4 * M }), key: 'msg_vrtx_01abc' };
    const [found] = limitHit(scenario({ responses: [claude, glm, vertex], limits: [limit(30)] }));
    expect(found?.message).toContain('this machine used 1.0M input-equivalent tokens since the window opened at 2026-03-02 09:00 UTC (Anthropic-served responses in this config dir only); usage on claude.ai or other machines counts toward the same limit');
    expect(found).toMatchObject({ severity: 'info', certainty: 'confirmed' });
    expect(found?.advice).toMatch(/tokentop statusline/);
  });

  it('never pools config dirs: tokens and the usual of another dir are not this one\'s', () => {
    const other = '/backup/other-machine/.claude';
    const mine = '/home/dev/.claude';
    // Three earlier lockouts in the other dir at 40M each; here one at 2M: no "usual" is quoted from the other dir's.
    const days = [1, 2, 3];
    const pastResponses = days.map((d) => response(d * DAY - 30, { input: 40 * M }));
    const pastLimits = days.map((d) => limit(d * DAY, undefined, at(d * DAY + HOUR)));
    const hereResponse = inDir(response(4 * DAY - 30, { input: 2 * M }), mine);
    const hereLimit = inDir(limit(4 * DAY, undefined, at(4 * DAY + HOUR)), mine);
    const apart = limitHit(scenario({ responses: [...pastResponses.map((r) => inDir(r, other)), hereResponse], limits: [...pastLimits.map((l) => inDir(l, other)), hereLimit] })).at(-1);
    expect(apart?.message).toContain('this machine used 2.0M');
    expect(apart?.message).not.toMatch(/earlier 5-hour lockouts/);
    // Near miss: the same three lockouts in this dir are quoted as its usual.
    const together = limitHit(scenario({ responses: [...pastResponses.map((r) => inDir(r, mine)), hereResponse], limits: [...pastLimits.map((l) => inDir(l, mine)), hereLimit] })).at(-1);
    expect(together?.message).toContain('earlier 5-hour lockouts in this config dir came at 40.0M local (P90 of 3)');
  });

  it('says the window opened before the first local activity when the first local line came hours after it opened', () => {
    // Reset at 5h: the window opened at T0; the first local response is at 3h.
    const [late] = limitHit(scenario({ responses: [response(3 * HOUR, { input: 1000 })], limits: [limit(3 * HOUR + 30)] }));
    expect(late?.message).toContain('the window opened before the first local activity (2026-03-02 12:00 UTC)');
    // Near miss: a first response 20 minutes after the opening: the window was opened here.
    const [early] = limitHit(scenario({ responses: [response(20, { input: 1000 })], limits: [limit(3 * HOUR + 30)] }));
    expect(early?.message).not.toContain('before the first local activity');
  });

  it("says when the session's main transcript is not here (only a sub-agent's)", () => {
    const subagentLimit = { ...limit(30), scope: scopeOf('s1', 'a1') };
    const [alone] = limitHit(scenario({ responses: [response(10, { input: 1000 }, 's1', 'a1')], limits: [subagentLimit] }));
    expect(alone?.message).toContain("this session's main transcript is not here");
    const [withMain] = limitHit(scenario({ responses: [response(5, { input: 10 }), response(10, { input: 1000 }, 's1', 'a1')], limits: [subagentLimit] }));
    expect(withMain?.message).not.toContain('main transcript');
  });

  it("counts the session's own copies from a resumed session, not another session's", () => {
    // Three responses of s1 on one millisecond: a resumed session's copies (metrics/copied-stamp.ts).
    const copies = [response(10, { input: 100 }), response(10, { input: 100 }), response(10, { input: 100 })];
    const [found] = limitHit(scenario({ responses: [...copies, response(20, { input: 1000 })], limits: [limit(30)] }));
    expect(found?.message).toContain('3 responses of this session are copies from a resumed session');
    // Near miss: the same copies in another session say nothing of s1's lockout.
    const elsewhere = copies.map((r) => ({ ...r, scope: scopeOf('s2'), origin: { ...r.origin, file: fileOf('s2') } }));
    const [other] = limitHit(scenario({ responses: [...elsewhere, response(20, { input: 1000 })], limits: [limit(30)] }));
    expect(other?.message).not.toContain('are copies');
  });

  it('does not judge a limit message copied into a resumed session (dated after its own reset)', () => {
    // Written at 6h, its text's reset at 5h: the message came before, and was carried over.
    const copy = limit(6 * HOUR, undefined, at(5 * HOUR));
    const [found] = limitHit(scenario({ responses: [response(6 * HOUR - 1, { input: 1000 })], limits: [copy] }));
    expect(found?.message).toMatch(/^a limit message copied into a resumed session: ".*not judged$/);
    expect(found?.certainty).toBe('inferred');
    expect(prematureLockout(scenario({ limits: [copy], quota: [quota(6 * HOUR - 2, 0.1, 10 * HOUR)] }))).toEqual([]);
  });

  it('does not judge a limit among lines re-stamped with one time (a resumed session), nor count their tokens in the window', () => {
    const stamp = 200;
    const copies = [response(stamp, { input: 3 * M }), response(stamp, { input: 3 * M }), { ...limit(stamp), origin: { file: fileOf(), line: 999 } }];
    const found = limitHit(scenario({ responses: copies.slice(0, 2) as ReturnType<typeof response>[], limits: [copies[2] as ReturnType<typeof limit>] }));
    expect(found[0]?.message).toMatch(/not judged$/);
    // Near miss: two responses and the limit at distinct times are ordinary lines, judged.
    const plain = limitHit(scenario({ responses: [response(stamp - 2, { input: 3 * M }), response(stamp - 1, { input: 3 * M })], limits: [limit(stamp)] }));
    expect(plain[0]?.message).toContain('this machine used 6.0M');
  });
});

describe('premature-lockout needs a server reading', () => {
  it('is never raised from local tokens alone, however few', () => {
    expect(prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [limit(20)] }))).toEqual([]);
    const past = [1, 2, 3].flatMap((d) => [response(d * DAY - 30, { input: 40 * M })]);
    const limits = [1, 2, 3, 4].map((d) => limit(d * DAY, undefined, at(d * DAY + HOUR)));
    expect(prematureLockout(scenario({ responses: [...past, response(4 * DAY - 30, { input: M })], limits }))).toEqual([]);
  });

  it('ignores extra-usage and spend limits: they are budgets, not windows', () => {
    const extra = limit(21, "You're out of extra usage · resets 2pm (Europe/Paris)");
    const spend = limit(22, "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", undefined);
    expect(prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [extra, spend], quota: [quota(20, 0.1, 300)] }))).toEqual([]);
  });

  it('reports one lockout written many times once', () => {
    const found = prematureLockout(scenario({ limits: [limit(20), limit(21), limit(25)], quota: [quota(19, 0.2, 300)] }));
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.filter((e) => e.kind === 'line')).toHaveLength(3);
  });

  it('is warn, not critical, when the reading is more than 5 minutes old: usage may have climbed', () => {
    const [found] = prematureLockout(scenario({ limits: [limit(30)], quota: [quota(20, 0.2, 300)] }));
    expect(found).toMatchObject({ severity: 'warn', certainty: 'confirmed' });
    expect(found?.basis).toMatch(/usage may have climbed/);
  });

  it('is not premature when the other window was full: the weekly limit explains a 5-hour rejection', () => {
    const fiveHourLow = quota(19, 0.2, 300);
    expect(prematureLockout(scenario({ limits: [limit(20)], quota: [fiveHourLow, quota(19, 0.99, 3 * DAY, 'allowed', '7d')] }))).toEqual([]);
    expect(prematureLockout(scenario({ limits: [limit(20)], quota: [fiveHourLow, quota(19, 0.5, 3 * DAY, 'allowed', '7d')] }))).toHaveLength(1);
  });

  it('does not use a reading of another window (its reset is hours from the lockout\'s)', () => {
    expect(prematureLockout(scenario({ limits: [limit(20)], quota: [quota(19, 0.1, 300 + 4 * HOUR)] }))).toEqual([]);
  });
});

describe('premature-lockout judged by a server reading near it', () => {
  it('is critical when the server counted the window as low: "rejected at 7% of the 5-hour window"', () => {
    const reading = { ...quota(18, 0.07, 300), source: 'statusline' as const };
    // Local usage above the floor would say "not premature": the server's own figure wins.
    const found = prematureLockout(scenario({ responses: [response(10, { input: 3 * M })], limits: [limit(20)], quota: [reading] }));
    expect(found.map((a) => a.message)).toEqual(['rejected at 7% of the 5-hour window (statusline reading 2m before)']);
    expect(found[0]?.evidence.some((e) => e.kind === 'reading' && e.utilization === 0.07)).toBe(true);
  });

  it('is not premature when the server counted the window as full', () => {
    expect(prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [limit(20)], quota: [quota(18, 0.97, 300)] }))).toEqual([]);
  });

  it('counts a rejected reading as a lockout, judged by its own utilization', () => {
    expect(prematureLockout(scenario({ responses: [response(10, { input: 100_000 })], quota: [quota(20, 1, 300, 'rejected')] }))).toEqual([]);
    const low = prematureLockout(scenario({ quota: [quota(20, 0.3, 300, 'rejected')] }));
    expect(low.map((a) => a.message)).toEqual(['rejected at 30% of the 5-hour window (proxy reading 0s before)']);
  });

  it('takes a weekly lockout to the 7d reading, not the 5h one', () => {
    const weekly = limit(20, "You've hit your weekly limit · resets Mon 9am (UTC)", at(3 * DAY));
    const found = prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [weekly], quota: [quota(19, 0.05, 300), quota(19, 0.12, 3 * DAY, 'allowed', '7d')] }));
    expect(found.map((a) => a.message)).toEqual(['rejected at 12% of the weekly window (proxy reading 1m before)']);
  });

  it('does not use a reading from long before the lockout, nor one after it', () => {
    // An hour earlier the counter may well have been low.
    expect(prematureLockout(scenario({ responses: [response(10, { input: 3 * M })], limits: [limit(80)], quota: [quota(20, 0.07, 300)] }))).toEqual([]);
    // After it, a low figure may be a counter reset, not what the server counted when it refused.
    expect(prematureLockout(scenario({ limits: [limit(20)], quota: [quota(22, 0.07, 300)] }))).toEqual([]);
  });
});
