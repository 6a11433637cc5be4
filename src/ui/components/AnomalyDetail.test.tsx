import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../detect/anomaly.js';
import { AnomalyDetail } from './AnomalyDetail.js';

const NOW = Date.parse('2026-11-21T10:30:00Z');
const FILE = '/tmp/tokentop-demo-Niil9Q/config/projects/-home-dev-payments/352e84be-4fff-44f5-8c77-4ef743b23f28.jsonl';

const anomaly: Anomaly = {
  id: 'runaway-subagents:s:1',
  kind: 'runaway-subagents',
  severity: 'warn',
  start: NOW,
  end: undefined,
  sessionId: 's',
  message: '10 sub-agents running at once (ceiling 8)',
  certainty: 'inferred',
  basis: "from the agents' own lines",
  advice: 'stop the session if you did not ask for it',
  evidence: [
    { kind: 'line', file: FILE, line: 11, note: 'general-purpose: Audit the \u001b[31mstripe adapter' },
    { kind: 'figure', name: 'active', value: 10, note: 'at the peak' },
  ],
};

describe('AnomalyDetail', () => {
  it('keeps its title when the texts wrap and the evidence does not fit, and says how many more there are', () => {
    const many: Anomaly = {
      ...anomaly,
      basis: 'from the agents\' own lines: each active from its spawn or first response to its result or last response; a requested parallel fan-out looks the same',
      advice: 'if you did not ask for this fan-out, stop the session (Esc in Claude Code): sub-agents spend the same plan',
      evidence: Array.from({ length: 10 }, (_, i) => ({ kind: 'line' as const, file: FILE, line: 100 + i, note: `general-purpose: Audit part ${i} 決済` })),
    };
    for (const [width, height] of [[80, 22], [100, 28], [60, 16]] as const) {
      const rows = renderToString(<AnomalyDetail anomaly={many} position="1 of 3" width={width} height={height} now={NOW} standing="lit" />, { columns: width }).split('\n');
      expect(rows).toHaveLength(height);
      expect(rows[1]).toContain('WARN runaway-subagents  (1 of 3)');
      const shown = rows.filter((r) => r.includes('general-purpose: Audit part')).length;
      expect(shown).toBeLessThan(10);
      expect(rows.join('\n')).toContain(`+${10 - shown} more (e writes them all)`);
    }
  });

  it('shows what each evidence line is first, then where, the path cut in its middle so the file and line stay', () => {
    const text = renderToString(<AnomalyDetail anomaly={anomaly} position="1 of 1" width={80} height={24} now={NOW + 3 * 3_600_000} standing="lit" />, { columns: 80 });
    const rows = text.split('\n');
    const note = rows.findIndex((r) => r.includes('general-purpose: Audit the stripe adapter'));
    expect(note).toBeGreaterThan(0);
    expect(rows[note + 1]).toMatch(/\/tmp\/tok.*….*4ef743b23f28\.jsonl:11/);
    expect(text).toContain('evidence (2; e writes a bundle of it to send, s a snapshot)');
    expect(text).toContain('active: 10  at the peak');
    expect(text).not.toMatch(/\u001b/);
    // How it knows, what to do, its age and the id to pass to `tokentop evidence`.
    expect(text).toContain("inferred: from the agents' own lines");
    expect(text).toContain('do: stop the session if you did not ask for it');
    expect(text).toMatch(/from 2026-11-21 10:30:00 UTC \(3h00m ago\)/);
    expect(text).toContain('id runaway-subagents:s:1');
  });

  it('marks an anomaly over a week old as old', () => {
    const text = renderToString(<AnomalyDetail anomaly={anomaly} position="1 of 1" width={80} height={24} now={NOW + 8 * 86_400_000} standing="history" />, { columns: 80 });
    expect(text).toMatch(/WARN old runaway-subagents/);
    expect(text).toMatch(/\(8d ago\)/);
  });

  it('wraps the period, session, id and a reading at 72 columns rather than cutting their ends', () => {
    const long: Anomaly = {
      ...anomaly,
      sessionId: '352e84be-4fff-44f5-8c77-4ef743b23f28',
      evidence: [{ kind: 'reading', time: NOW, window: '5h', utilization: 0.31, status: 'allowed', resetAt: NOW + 3 * 3_600_000, source: 'usage-api' }],
    };
    const text = renderToString(<AnomalyDetail anomaly={long} position="1 of 1" width={72} height={40} now={NOW} standing="lit" />, { columns: 72 });
    expect(text).not.toContain('…');
    expect(text.replace(/[║\s]+/g, ' ')).toContain('session 352e84be-4fff-44f5-8c77-4ef743b23f28');
    expect(text).toMatch(/\(usage-api\)/);
  });
});
