import { describe, expect, it } from 'vitest';
import { advanceReplayClock, IDLE_LEAD_MS, IDLE_SKIP_MS } from './replay-clock.js';

const T = Date.parse('2026-11-21T10:00:00Z');
const MIN = 60_000;
const END = T + 30 * 86_400_000;

describe('advanceReplayClock', () => {
  it('runs at speed on the recording timeline while events are near', () => {
    expect(advanceReplayClock(T, 100, 60, END, T - MIN, T + 5 * MIN, true)).toEqual({ clock: T + 6000, skippedMs: 0 });
  });

  it('jumps a quiet stretch, stopping a minute short of the next event', () => {
    const next = T + 3 * 86_400_000;
    const step = advanceReplayClock(T, 100, 60, END, T - 2 * MIN, next, true);
    expect(step.clock).toBe(next - IDLE_LEAD_MS);
    expect(step.skippedMs).toBe(next - IDLE_LEAD_MS - (T + 6000));
  });

  it('shows a minute of quiet after the last event before it jumps', () => {
    const next = T + 86_400_000;
    expect(advanceReplayClock(T, 100, 60, END, T - 30_000, next, true).skippedMs).toBe(0);
    expect(advanceReplayClock(T, 100, 60, END, T - 60_000, next, true).skippedMs).toBeGreaterThan(0);
  });

  it('leaves a gap of 15 minutes or less alone, and every gap with skipping off', () => {
    expect(advanceReplayClock(T, 100, 60, END, T - 2 * MIN, T + 6000 + IDLE_SKIP_MS, true).skippedMs).toBe(0);
    expect(advanceReplayClock(T, 100, 60, END, T - 2 * MIN, T + 86_400_000, false)).toEqual({ clock: T + 6000, skippedMs: 0 });
  });

  it('never passes the end of the range, and runs to it when no event is left', () => {
    expect(advanceReplayClock(T, 100, 60, T + 1000, T - 2 * MIN, T + 86_400_000, true).clock).toBe(T + 1000);
    expect(advanceReplayClock(T, 100, 60, END, T - 2 * MIN, undefined, true)).toEqual({ clock: T + 6000, skippedMs: 0 });
  });
});
