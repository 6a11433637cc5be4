import { describe, expect, it } from 'vitest';
import { at, limit, quota, response, scenario } from '../../test/helpers/detector-scenario.js';
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
    expect(found[0]?.message).toBe('5-hour limit reached: resets 2026-03-02 14:00 Europe/Paris (13:00 UTC) · 2 messages');
    expect(found[0]?.evidence.map((e) => (e.kind === 'line' ? e.line : undefined))).toEqual([l.origin.line, again.origin.line]);
    expect(found[1]?.message).toBe('rate limited (API 429): retried by Claude Code');
  });

  it('names the window by its reset, and the spend cap by its text', () => {
    const weekly = limit(30, "You've hit your limit · resets Mar 5, 9am (Europe/Paris)", Date.parse('2026-03-05T08:00:00Z'));
    const spend = limit(40, "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", undefined);
    const found = limitHit(scenario({ responses: [response(10, { input: 1000 })], limits: [weekly, spend] }));
    expect(found.map((a) => a.message)).toEqual(['weekly limit reached: resets 2026-03-05 09:00 Europe/Paris (08:00 UTC)', 'monthly spend limit reached: no reset: the cap is raised by hand']);
  });

  it('says when there was no local usage before the lockout: usage elsewhere counts', () => {
    const [found] = limitHit(scenario({ limits: [limit(30)] }));
    expect(found?.message).toMatch(/no local usage in the 5-hour window before it: usage elsewhere counts toward the same limit$/);
    const [near] = limitHit(scenario({ responses: [response(29, { output: 10 })], limits: [limit(30)] }));
    expect(near?.message).not.toMatch(/usage elsewhere/);
  });
});

/** A session that used `tokens` in the hour before `minutes`, ending in a limit message there that resets an hour later. */
function windowEndingInLimit(minutes: number, tokens: number, text?: string) {
  return { responses: [response(minutes - 30, { input: tokens })], limit: limit(minutes, text, at(minutes + HOUR)) };
}

describe('premature-lockout without a server reading', () => {
  it('fires on a 5-hour lockout below the floor when there is no history of lockouts', () => {
    const found = prematureLockout(scenario({ responses: [response(10, { input: 1.5 * M })], limits: [limit(20)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'premature-lockout', severity: 'critical', start: at(20) });
    expect(found[0]?.message).toBe('locked out after only 1.5M tokens in this 5-hour window, below the 2.0M floor');
  });

  it('does not fire above the floor', () => {
    expect(prematureLockout(scenario({ responses: [response(10, { input: 2.5 * M })], limits: [limit(20)] }))).toEqual([]);
  });

  it('never fires with no local usage before the lockout (usage elsewhere counts toward the same limit)', () => {
    expect(prematureLockout(scenario({ responses: [response(-6 * HOUR, { input: 10 })], limits: [limit(20)] }))).toEqual([]);
  });

  it('measures against half the P90 of past lockouts once there are three', () => {
    // Three past windows each locked out at 40M tokens, a day apart; then one at 15M and one at 25M.
    const past = [1, 2, 3].map((d) => windowEndingInLimit(d * DAY, 40 * M));
    const early = windowEndingInLimit(4 * DAY, 15 * M);
    const usual = windowEndingInLimit(5 * DAY, 25 * M);
    const all = [...past, early, usual];
    const found = prematureLockout(scenario({ responses: all.flatMap((w) => w.responses), limits: all.map((w) => w.limit) }));
    expect(found.map((a) => a.start)).toEqual([at(4 * DAY)]);
    expect(found[0]?.message).toBe('locked out after only 15.0M tokens in this 5-hour window, below 50% of your usual 40.0M at lockout (P90 of 3)');
  });

  it('judges a weekly lockout against the weekly window, and only with a history of weekly lockouts', () => {
    const weekly = "You've hit your weekly limit · resets Mon 9am (UTC)";
    // Alone, 1.5M local tokens say nothing of a weekly limit: no floor applies.
    const alone = windowEndingInLimit(2 * DAY, 1.5 * M, weekly);
    expect(prematureLockout(scenario({ responses: alone.responses, limits: [alone.limit] }))).toEqual([]);
    // After three weekly lockouts at 40M in their week each, 10M in the week is premature.
    const past = [1, 2, 3].map((w) => windowEndingInLimit(w * 8 * DAY, 40 * M, weekly));
    const early = windowEndingInLimit(4 * 8 * DAY, 10 * M, weekly);
    const found = prematureLockout(scenario({ responses: [...past, early].flatMap((w) => w.responses), limits: [...past, early].map((w) => w.limit) }));
    expect(found.map((a) => [a.start, a.message])).toEqual([[at(4 * 8 * DAY), 'locked out after only 10.0M tokens in this weekly window, below 50% of your usual 40.0M at lockout (P90 of 3)']]);
  });

  it('ignores extra-usage and spend limits: they are budgets, not windows', () => {
    const extra = limit(21, "You're out of extra usage · resets 2pm (Europe/Paris)");
    const spend = limit(22, "You've hit your monthly spend limit · raise it at claude.ai/settings/usage", undefined);
    expect(prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [extra, spend] }))).toEqual([]);
  });

  it('reports one lockout written many times once', () => {
    const found = prematureLockout(scenario({ responses: [response(10, { input: 1000 })], limits: [limit(20), limit(21), limit(25)] }));
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence.filter((e) => e.kind === 'line')).toHaveLength(3);
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

  it('does not use a reading from long before the lockout', () => {
    // An hour earlier the counter may well have been low: without a reading near it, local usage decides.
    expect(prematureLockout(scenario({ responses: [response(10, { input: 3 * M })], limits: [limit(80)], quota: [quota(20, 0.07, 300)] }))).toEqual([]);
  });
});
