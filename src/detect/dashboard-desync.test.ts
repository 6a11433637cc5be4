import { describe, expect, it } from 'vitest';
import { at, quota, scenario } from '../../test/helpers/detector-scenario.js';
import { dashboardDesync } from './dashboard-desync.js';

const cli = (minutes: number, u: number, reset = 300) => ({ ...quota(minutes, u, reset), source: 'statusline' as const });
const web = (minutes: number, u: number, reset = 300) => ({ ...quota(minutes, u, reset), source: 'usage-api' as const });

describe('source-desync: the dashboard against the CLI', () => {
  it('fires, confirmed, on a 30-point gap between readings of one window and reset taken minutes apart', () => {
    const found = dashboardDesync(scenario({ quota: [cli(10, 1.0), web(12, 0.7), web(15, 0.71)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'source-desync', severity: 'warn', certainty: 'confirmed', start: at(12) });
    expect(found[0]?.message).toBe("the dashboard shows the 5h window at 70% while Claude Code's statusline showed 100% (2m apart, the same reset)");
    expect(found[0]?.evidence.map((e) => (e.kind === 'reading' ? e.source : e.kind))).toEqual(['statusline', 'usage-api']);
  });

  it('stays quiet on a 3-point gap, on readings far apart, and across a reset', () => {
    expect(dashboardDesync(scenario({ quota: [cli(10, 0.33), web(12, 0.3)] }))).toEqual([]);
    expect(dashboardDesync(scenario({ quota: [cli(10, 1.0), web(30, 0.7)] }))).toEqual([]);
    // The statusline's reading is of the window before the reset; the dashboard's of the next one.
    expect(dashboardDesync(scenario({ quota: [cli(298, 0.9, 300), web(301, 0.02, 600)] }))).toEqual([]);
  });
});
