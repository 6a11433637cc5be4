import { describe, expect, it } from 'vitest';
import { limit, quota, retry, scenario } from '../../test/helpers/detector-scenario.js';
import { detectAll, lamp } from './detect-all.js';

describe('detectAll and the lamp', () => {
  it('is OK with nothing, or with information only', () => {
    expect(lamp(detectAll(scenario({})))).toBe('OK');
    const infoOnly = detectAll(scenario({ limits: [limit(10, "You've hit your weekly limit · resets Mar 5, 9am (Europe/Paris)")] }));
    expect(infoOnly.map((a) => a.kind)).toEqual(['limit-hit']);
    expect(lamp(infoOnly)).toBe('OK');
  });

  it('is WATCH for a warning and ANOMALY for anything critical, anomalies in time order', () => {
    const storm = [1, 1.2, 1.4, 1.6, 1.8].map((m) => retry(m));
    expect(lamp(detectAll(scenario({ retries: storm })))).toBe('WATCH');
    const all = detectAll(scenario({ retries: storm, quota: [quota(0, 0.3, 300), quota(0.5, 0.05, 300)] }));
    expect(all.map((a) => a.kind)).toEqual(['counter-reset', 'retry-storm']);
    expect(lamp(all)).toBe('ANOMALY');
  });
});
