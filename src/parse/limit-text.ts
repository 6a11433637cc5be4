/**
 * Recognise usage-limit and rate-limit texts of every Claude Code era and resolve
 * their reset time. Pure: the message's own timestamp is the reference, never the clock.
 */
import { addDays, isKnownZone, wallDateOf, wallTimeToEpoch } from './zoned-time.js';

/**
 * Which limit a message is about: the 5-hour window, the 7-day (weekly) window, the paid extra
 * usage budget, or the monthly spend cap. Undefined for a plain rate limit (a 429 with no window).
 */
export type LimitWindow = '5h' | '7d' | 'extra' | 'spend';

export interface LimitText {
  /** usage-limit: a plan window or budget ran out (with a reset); rate-limit: the API's 429; spend-limit: the monthly cap. */
  readonly limitKind: 'usage-limit' | 'rate-limit' | 'spend-limit';
  readonly window: LimitWindow | undefined;
  readonly resetAt: number | undefined;
  readonly resetText: string | undefined;
}

const FIVE_HOURS_MS = 5 * 3_600_000;

/** 1.0.x: `Claude AI usage limit reached|1755212400` (epoch seconds). */
const EPOCH_FORM = /^Claude AI usage limit reached\|(\d{9,11})\s*$/;
/**
 * 2.0.x / 2.1.x: `You've hit your limit · resets 5am (America/Los_Angeles)` and its variants, among
 * them `Session limit reached ∙ resets …` (U+2219, not the middle dot).
 */
const RESETS_FORM = /^(?:You've hit your|You're out of|You have hit your|You've reached your|(?:Session|Weekly|Usage) limit reached)\b[^\n·∙]*[·∙]\s*resets\s+(.+?)\s*\(([A-Za-z0-9_+\-/]+)\)\s*\.?\s*$/i;
const RATE_LIMIT_FORM = /^API Error: Rate limit reached\b/;
/** `You've hit your monthly spend limit · raise it at claude.ai/settings/usage`: the extra-usage cap, no reset. */
const SPEND_FORM = /^You(?:'ve| have) (?:hit|reached) your monthly spend limit\b/i;
/** The extra-usage budget, not a plan window. */
const EXTRA_FORM = /^You're out of extra usage\b/i;
const WEEKLY_WORDS = /\b(?:weekly|7-day|week)\b/i;
/** A reset written with a date or a weekday is days away: the weekly window's. */
const DATED_RESET = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** `5am`, `9:50pm`, `Feb 22 at 1pm`, `Feb 22, 1pm`, `Mon 9am`, `Mon at 9am`. */
const WHEN_FORM =
  /^(?:(?<month>[a-z]{3})[a-z]*\s+(?<day>\d{1,2})(?:,|\s+at)?\s+|(?<weekday>[a-z]{3})[a-z]*(?:,|\s+at)?\s+)?(?<hour>\d{1,2})(?::(?<minute>\d{2}))?\s*(?<ampm>am|pm)$/i;

/** Classify a synthetic message or summary title; undefined when it is not a limit text. */
export function parseLimitText(text: string, messageTime: number | undefined): LimitText | undefined {
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  const epoch = EPOCH_FORM.exec(firstLine);
  if (epoch?.[1] !== undefined) {
    const resetAt = Number(epoch[1]) * 1000;
    return { limitKind: 'usage-limit', window: windowOf(firstLine, undefined, resetAt, messageTime), resetAt, resetText: undefined };
  }
  const resets = RESETS_FORM.exec(firstLine);
  if (resets?.[1] !== undefined && resets[2] !== undefined) {
    const resetText = `${resets[1]} (${resets[2]})`;
    const resetAt = messageTime === undefined ? undefined : resolveReset(resets[1], resets[2], messageTime);
    return { limitKind: 'usage-limit', window: windowOf(firstLine, resets[1], resetAt, messageTime), resetAt, resetText };
  }
  if (SPEND_FORM.test(firstLine)) return { limitKind: 'spend-limit', window: 'spend', resetAt: undefined, resetText: undefined };
  if (RATE_LIMIT_FORM.test(firstLine)) return { limitKind: 'rate-limit', window: undefined, resetAt: undefined, resetText: undefined };
  return undefined;
}

/**
 * The window a usage-limit message is about. The weekly limit's reset is written with a date or a
 * weekday, or lies more than 5 hours after the message; the 5-hour window's never does.
 */
function windowOf(text: string, when: string | undefined, resetAt: number | undefined, messageTime: number | undefined): LimitWindow {
  if (EXTRA_FORM.test(text)) return 'extra';
  if (WEEKLY_WORDS.test(text)) return '7d';
  if (when !== undefined && DATED_RESET.test(when.trim())) return '7d';
  if (resetAt !== undefined && messageTime !== undefined && resetAt - messageTime > FIVE_HOURS_MS) return '7d';
  return '5h';
}

/**
 * The first instant after `after` at which `zone` shows `when`. Undefined when the text or the
 * zone cannot be read.
 */
export function resolveReset(when: string, zone: string, after: number): number | undefined {
  const m = WHEN_FORM.exec(when.trim());
  if (!m?.groups || !isKnownZone(zone)) return undefined;
  const g = m.groups;
  let hour = Number(g.hour) % 12;
  if (g.ampm?.toLowerCase() === 'pm') hour += 12;
  const minute = g.minute === undefined ? 0 : Number(g.minute);
  if (hour > 23 || minute > 59) return undefined;
  const today = wallDateOf(after, zone);

  if (g.month !== undefined && g.day !== undefined) {
    const month = MONTHS.indexOf(g.month.toLowerCase()) + 1;
    if (month === 0) return undefined;
    const day = Number(g.day);
    // A date within the past day is this year's; anything earlier means next year's.
    for (const year of [today.year, today.year + 1]) {
      const t = wallTimeToEpoch({ year, month, day, hour, minute }, zone);
      if (t > after - 24 * 3600_000) return t;
    }
    return undefined;
  }

  let offsetDays = 0;
  if (g.weekday !== undefined) {
    const wd = WEEKDAYS.indexOf(g.weekday.toLowerCase());
    if (wd < 0) return undefined;
    offsetDays = (wd - today.weekday + 7) % 7;
  }
  for (let extra = 0; extra <= 7; extra += g.weekday === undefined ? 1 : 7) {
    const date = addDays(today, offsetDays + extra);
    const t = wallTimeToEpoch({ ...date, hour, minute }, zone);
    if (t > after) return t;
  }
  return undefined;
}
