import { describe, expect, it } from 'vitest';
import { at, limit, quota, response, scenario } from '../../test/helpers/detector-scenario.js';
import { limitHit, prematureLockout } from './limit-detectors.js';

const HOUR = 60;
const M = 1_000_000;

describe('limit-hit', () => {
  it('reports every limit message with its reset in the local time of its zone and in UTC', () => {
    const l = limit(30, "You've hit your limit · resets 2pm (Europe/Paris)", Date.parse('2026-03-02T13:00:00Z'));
    const found = limitHit(scenario({ limits: [l, limit(40, 'API Error: Rate limit reached', undefined)] }));
    expect(found.map((a) => [a.kind, a.severity, a.start])).toEqual([
      ['limit-hit', 'info', at(30)],
      ['limit-hit', 'info', at(40)],
    ]);
    expect(found[0]?.message).toBe('usage limit reached: resets 2026-03-02 14:00 Europe/Paris (13:00 UTC)');
    expect(found[0]?.evidence).toEqual([{ kind: 'line', file: l.origin.file, line: l.origin.line, note: l.text }]);
  });
});

/** A session that used `tokens` in the hour before `minutes`, ending in a limit message there. */
function windowEndingInLimit(minutes: number, tokens: number) {
  return { responses: [response(minutes - 30, { input: tokens })], limit: limit(minutes) };
}

describe('premature-lockout', () => {
  it('fires on a lockout below the floor when there is no history of lockouts', () => {
    const found = prematureLockout(scenario({ responses: [response(10, { input: 1.5 * M })], limits: [limit(20)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'premature-lockout', severity: 'critical', start: at(20) });
    expect(found[0]?.message).toBe('locked out after only 1.5M tokens in this 5-hour window, below the 2.0M floor');
  });

  it('does not fire above the floor', () => {
    expect(prematureLockout(scenario({ responses: [response(10, { input: 2.5 * M })], limits: [limit(20)] }))).toEqual([]);
  });

  it('measures against half the P90 of past lockouts once there are three', () => {
    // Three past windows each locked out at 40M tokens, a day apart; then one at 15M and one at 25M.
    const past = [1, 2, 3].map((d) => windowEndingInLimit(d * 24 * HOUR, 40 * M));
    const early = windowEndingInLimit(4 * 24 * HOUR, 15 * M);
    const usual = windowEndingInLimit(5 * 24 * HOUR, 25 * M);
    const all = [...past, early, usual];
    const found = prematureLockout(scenario({ responses: all.flatMap((w) => w.responses), limits: all.map((w) => w.limit) }));
    expect(found.map((a) => a.start)).toEqual([at(4 * 24 * HOUR)]);
    expect(found[0]?.message).toBe('locked out after only 15.0M tokens in this 5-hour window, below 50% of your usual 40.0M at lockout (P90 of 3)');
  });

  it('counts a rejected 5h reading as a lockout', () => {
    const found = prematureLockout(scenario({ responses: [response(10, { input: 100_000 })], quota: [quota(20, 1, 300, 'rejected')] }));
    expect(found.map((a) => a.evidence[0]?.kind)).toEqual(['reading']);
  });

  it('ignores weekly and extra-usage limits: they say nothing of the 5-hour window', () => {
    const weekly = limit(20, "You've hit your weekly limit · resets Mar 5, 9am (Europe/Paris)");
    const extra = limit(21, "You're out of extra usage · resets 2pm (Europe/Paris)");
    expect(prematureLockout(scenario({ limits: [weekly, extra], quota: [quota(22, 1, 3000, 'rejected', '7d')] }))).toEqual([]);
  });

  it('reports one lockout written many times once', () => {
    expect(prematureLockout(scenario({ limits: [limit(20), limit(21), limit(25)] }))).toHaveLength(1);
  });
});
