import { describe, expect, it } from 'vitest';
import { parseLimitText, resolveReset } from './limit-text.js';

const at = (iso: string): number => Date.parse(iso);

describe('parseLimitText', () => {
  it.each([
    // [text, message time, kind, window, reset ISO or null, resetText]
    ['Claude AI usage limit reached|1755212400', undefined, 'usage-limit', '5h', '2025-08-14T23:00:00.000Z', undefined],
    // The same 1.0.x text with its reset 3 days after the message: the weekly limit.
    ['Claude AI usage limit reached|1755212400', '2025-08-11T20:00:00Z', 'usage-limit', '7d', '2025-08-14T23:00:00.000Z', undefined],
    ["You've hit your limit · resets 5am (America/Los_Angeles)", '2026-01-01T09:36:32Z', 'usage-limit', '5h', '2026-01-01T13:00:00.000Z', '5am (America/Los_Angeles)'],
    ["You've hit your session limit · resets 9:50pm (Asia/Saigon)", '2026-03-01T10:00:00Z', 'usage-limit', '5h', '2026-03-01T14:50:00.000Z', '9:50pm (Asia/Saigon)'],
    ['Session limit reached ∙ resets 9:50pm (Asia/Saigon)', '2026-03-01T10:00:00Z', 'usage-limit', '5h', '2026-03-01T14:50:00.000Z', '9:50pm (Asia/Saigon)'],
    ["You're out of extra usage · resets Feb 22 at 1pm (Europe/Paris)", '2026-02-19T21:40:38Z', 'usage-limit', 'extra', '2026-02-22T12:00:00.000Z', 'Feb 22 at 1pm (Europe/Paris)'],
    // The reset hour has passed today in that zone: it is tomorrow's.
    ["You're out of extra usage · resets 3pm (Europe/Brussels)", '2026-02-28T15:30:00Z', 'usage-limit', 'extra', '2026-03-01T14:00:00.000Z', '3pm (Europe/Brussels)'],
    // A date in early January seen in late December is next year's; a dated reset is the weekly limit's.
    ["You've hit your limit · resets Jan 2 at 9am (UTC)", '2026-12-30T10:00:00Z', 'usage-limit', '7d', '2027-01-02T09:00:00.000Z', 'Jan 2 at 9am (UTC)'],
    ["You've hit your limit · resets Jan 22, 4pm (Asia/Shanghai)", '2026-01-20T10:00:00Z', 'usage-limit', '7d', '2026-01-22T08:00:00.000Z', 'Jan 22, 4pm (Asia/Shanghai)'],
    // Summer time: 5am in Los Angeles is 12:00Z in July. 16 hours ahead: no 5-hour window resets that far off.
    ["You've hit your limit · resets 5am (America/Los_Angeles)", '2026-07-01T20:00:00Z', 'usage-limit', '7d', '2026-07-02T12:00:00.000Z', '5am (America/Los_Angeles)'],
    ["You've hit your weekly limit · resets Mon 9am (UTC)", '2026-11-21T10:00:00Z', 'usage-limit', '7d', '2026-11-23T09:00:00.000Z', 'Mon 9am (UTC)'],
    ['API Error: Rate limit reached', '2026-02-22T14:49:03Z', 'rate-limit', undefined, null, undefined],
    ["You've hit your monthly spend limit · raise it at claude.ai/settings/usage", '2026-02-22T14:49:03Z', 'spend-limit', 'spend', null, undefined],
  ])('%s', (text, time, kind, window, reset, resetText) => {
    const parsed = parseLimitText(text, time === undefined ? undefined : at(time));
    expect(parsed).toEqual({ limitKind: kind, window, resetAt: reset === null ? undefined : at(reset), resetText });
  });

  it('keeps the text but no instant when the zone is unknown or the time is missing', () => {
    expect(parseLimitText("You've hit your limit · resets 5am (Mars/Olympus)", at('2026-01-01T00:00:00Z'))).toEqual({
      limitKind: 'usage-limit',
      window: '5h',
      resetAt: undefined,
      resetText: '5am (Mars/Olympus)',
    });
    expect(parseLimitText("You've hit your limit · resets 5am (UTC)", undefined)?.resetAt).toBeUndefined();
  });

  it.each(['Request timed out', 'API Error: 500 {}', 'Prompt is too long', 'We hit your limit of patience', ''])('%j is not a limit', (text) => {
    expect(parseLimitText(text, at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('resolveReset across a DST change', () => {
  it('2am on the night clocks jump in Europe/Paris resolves to the first valid instant after it', () => {
    // 2026-03-29 02:00 does not exist in Paris (clocks go 02:00 -> 03:00 CEST = 01:00Z).
    expect(resolveReset('2am', 'Europe/Paris', at('2026-03-28T23:00:00Z'))).toBe(at('2026-03-29T01:00:00Z'));
  });
});
