/**
 * Claude Code's own telemetry (`claude_code.token.usage` by type and model, `claude_code.cost.usage`)
 * as what each export added. A cumulative series reports its running total: the delta is the
 * change since the series' last point (a total that fell means the series restarted: all of it is
 * new). A delta series reports the change itself.
 */
import type { MetricPoint } from '../parse/otlp/otlp-json.js';

export interface OtelDelta {
  readonly time: number;
  readonly model: string;
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
  readonly costUSD: number;
}

const TOKEN_METRIC = 'claude_code.token.usage';
const COST_METRIC = 'claude_code.cost.usage';
const TYPES: Record<string, keyof Omit<OtelDelta, 'time' | 'model' | 'costUSD'>> = { input: 'input', output: 'output', cacheRead: 'cacheRead', cacheCreation: 'cacheCreation' };

export class OtelUsage {
  /** Each cumulative series' last total. Bounded by the series Claude Code reports (sessions x models x types). */
  private readonly last = new Map<string, number>();

  deltas(points: readonly MetricPoint[]): OtelDelta[] {
    const out: OtelDelta[] = [];
    for (const p of points) {
      if (p.metric !== TOKEN_METRIC && p.metric !== COST_METRIC) continue;
      const field = p.metric === COST_METRIC ? 'costUSD' : TYPES[String(p.attributes.type)];
      if (field === undefined) continue;
      const added = p.cumulative ? this.added(p) : p.value;
      if (added <= 0) continue;
      const model = typeof p.attributes.model === 'string' ? p.attributes.model : 'unknown';
      out.push({ time: p.time, model, input: 0, output: 0, cacheCreation: 0, cacheRead: 0, costUSD: 0, [field]: added });
    }
    return out;
  }

  private added(p: MetricPoint): number {
    const key = `${p.metric}\u0000${sorted(p.attributes)}\u0000${sorted(p.resource)}\u0000${p.start ?? ''}`;
    const before = this.last.get(key);
    this.last.set(key, p.value);
    if (before === undefined || p.value < before) return p.value;
    return p.value - before;
  }
}

function sorted(attrs: Readonly<Record<string, unknown>>): string {
  return Object.keys(attrs)
    .sort()
    .map((k) => `${k}=${String(attrs[k])}`)
    .join(',');
}
