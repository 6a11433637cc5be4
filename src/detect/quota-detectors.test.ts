import { describe, expect, it } from 'vitest';
import { at, quota, scenario } from '../../test/helpers/detector-scenario.js';
import { counterReset, resetMoved, stuckAfterReset } from './quota-detectors.js';

// The 5h window of these scenarios resets at minute 300.
const RESET = 300;

describe('counter-reset', () => {
  it('fires on a fall of 10 points before the reset, with the time left and the recovery', () => {
    const found = counterReset(scenario({ quota: [quota(100, 0.31, RESET), quota(110, 0, RESET), quota(140, 0.33, RESET)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'counter-reset', severity: 'critical', start: at(110), end: at(140) });
    expect(found[0]?.message).toBe('5h quota counter fell from 31% to 0% with 3h10m left before its reset (proxy); back to 33% 30m later');
    expect(found[0]?.evidence.map((e) => (e.kind === 'reading' ? e.utilization : undefined))).toEqual([0.31, 0, 0.33]);
  });

  it('does not fire on a fall of 9 points', () => {
    expect(counterReset(scenario({ quota: [quota(100, 0.4, RESET), quota(110, 0.31, RESET)] }))).toEqual([]);
  });

  it('does not fire when the counter falls after its reset time: that is the reset', () => {
    expect(counterReset(scenario({ quota: [quota(290, 0.8, RESET), quota(301, 0.01, RESET + 300)] }))).toEqual([]);
  });

  it('compares one source with itself: a statusline 0% against a proxy 40% is not a drop', () => {
    const statusline = { ...quota(110, 0, RESET), source: 'statusline' as const };
    expect(counterReset(scenario({ quota: [quota(100, 0.4, RESET), statusline] }))).toEqual([]);
  });
});

describe('reset-moved', () => {
  it('fires when the announced reset jumps 15 minutes or more without a reset', () => {
    const found = resetMoved(scenario({ quota: [quota(100, 0.5, RESET), quota(101, 0.5, RESET + 90)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'reset-moved', severity: 'warn', start: at(101) });
    expect(found[0]?.message).toBe('5h reset moved later by 1h30m without a reset (proxy)');
  });

  it('does not fire on a 14-minute jump', () => {
    expect(resetMoved(scenario({ quota: [quota(100, 0.5, RESET), quota(101, 0.5, RESET + 14)] }))).toEqual([]);
  });

  it('does not fire when the next window is announced after a reset', () => {
    expect(resetMoved(scenario({ quota: [quota(299, 0.9, RESET), quota(301, 0.02, RESET + 300)] }))).toEqual([]);
  });
});

describe('stuck-after-reset', () => {
  it('fires when still rejected after the reset time has passed, once per window', () => {
    const found = stuckAfterReset(scenario({ quota: [quota(280, 1, RESET, 'rejected'), quota(320, 1, RESET, 'rejected'), quota(330, 1, RESET, 'rejected')] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'stuck-after-reset', severity: 'critical', start: at(320) });
    expect(found[0]?.message).toBe('5h still rejected 20m after its announced reset (proxy)');
  });

  it('does not fire when the window opens again after its reset', () => {
    expect(stuckAfterReset(scenario({ quota: [quota(280, 1, RESET, 'rejected'), quota(320, 0.01, RESET + 300, 'allowed')] }))).toEqual([]);
  });

  it('does not fire while rejected before the reset time', () => {
    expect(stuckAfterReset(scenario({ quota: [quota(280, 1, RESET, 'rejected'), quota(299, 1, RESET, 'rejected')] }))).toEqual([]);
  });
});
