import { describe, expect, it } from 'vitest';
import { at, limit, quota, retry, scenario } from '../../test/helpers/detector-scenario.js';
import { detectAll } from './detect-all.js';
import { lampOf } from './lamp.js';

const NOW = at(60);
const DAY = 24 * 60;

describe('detectAll and the lamp', () => {
  it('is OK with nothing, or with information only', () => {
    expect(lampOf(detectAll(scenario({})), NOW).state).toBe('OK');
    const infoOnly = detectAll(scenario({ limits: [limit(10, "You've hit your weekly limit · resets Mar 5, 9am (Europe/Paris)")] }));
    expect(infoOnly.map((a) => a.kind)).toEqual(['limit-hit']);
    expect(lampOf(infoOnly, NOW).state).toBe('OK');
  });

  it('is WATCH for a warning and ANOMALY for anything critical, anomalies in time order', () => {
    const storm = [1, 1.2, 1.4, 1.6, 1.8].map((m) => retry(m));
    expect(lampOf(detectAll(scenario({ retries: storm })), NOW).state).toBe('WATCH');
    const all = detectAll(scenario({ retries: storm, quota: [quota(0, 0.3, 300), quota(0.5, 0.05, 300)] }));
    expect(all.map((a) => a.kind)).toEqual(['counter-reset', 'retry-storm']);
    expect(lampOf(all, NOW)).toMatchObject({ state: 'ANOMALY', lit: 2, acknowledged: 0, history: 0 });
  });

  it('shows now: an anomaly that ended over a week ago is history and lights nothing', () => {
    const all = detectAll(scenario({ quota: [quota(0, 0.3, 300), quota(0.5, 0.05, 300)] }));
    expect(lampOf(all, at(7 * DAY - 1)).state).toBe('ANOMALY');
    const later = lampOf(all, at(8 * DAY));
    expect(later).toMatchObject({ state: 'OK', lit: 0, history: 1 });
    expect([...later.standing.values()]).toEqual(['history']);
  });

  it('acknowledged anomalies light nothing; a new one lights it again', () => {
    const storm = [1, 1.2, 1.4, 1.6, 1.8].map((m) => retry(m));
    const first = detectAll(scenario({ retries: storm }));
    const seen = new Set(first.map((a) => a.id));
    expect(lampOf(first, NOW, seen)).toMatchObject({ state: 'OK', lit: 0, acknowledged: 1 });
    const next = detectAll(scenario({ retries: storm, quota: [quota(2, 0.3, 300), quota(3, 0.05, 300)] }));
    expect(lampOf(next, NOW, seen)).toMatchObject({ state: 'ANOMALY', lit: 1, acknowledged: 1 });
  });
});
