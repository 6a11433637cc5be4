/**
 * OTLP metrics and logs requests (the JSON encoding, or protobuf decoded to its shape) as flat
 * points and events. A body that is not that shape throws OtlpError: the receiver answers 400.
 * Times are epoch ms; attribute values are strings, numbers or booleans (others are left out).
 */
export class OtlpError extends Error {}

export type Attributes = Readonly<Record<string, string | number | boolean>>;

export interface MetricPoint {
  readonly metric: string;
  readonly attributes: Attributes;
  /** The resource's attributes (service, session, host): part of a series' identity. */
  readonly resource: Attributes;
  readonly start: number | undefined;
  readonly time: number;
  readonly value: number;
  /** Cumulative (the running total since `start`) or delta (what happened since the last export). */
  readonly cumulative: boolean;
}

export interface LogEvent {
  readonly name: string;
  readonly time: number;
  readonly attributes: Attributes;
}

type Json = Record<string, unknown>;

const CUMULATIVE = 2;

/** `now`: the time of a point that carries none (handed in: parse/ reads no clock). */
export function metricPoints(body: unknown, now: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const rm of list(object(body, 'the request').resourceMetrics, 'resourceMetrics')) {
    const resource = attributes(object(object(rm, 'resourceMetrics[]').resource ?? {}, 'resource').attributes);
    for (const sm of list(object(rm, 'resourceMetrics[]').scopeMetrics, 'scopeMetrics')) {
      for (const m of list(object(sm, 'scopeMetrics[]').metrics, 'metrics')) {
        const metric = object(m, 'metrics[]');
        const name = typeof metric.name === 'string' ? metric.name : '';
        const data = metric.sum ?? metric.gauge;
        if (data === undefined) continue;
        const sum = object(data, `${name} data`);
        const cumulative = metric.sum !== undefined && Number(sum.aggregationTemporality) === CUMULATIVE;
        for (const p of list(sum.dataPoints, 'dataPoints')) {
          const point = object(p, 'dataPoints[]');
          const value = point.asInt !== undefined ? Number(point.asInt) : Number(point.asDouble);
          if (!Number.isFinite(value)) throw new OtlpError(`${name}: a data point without a number`);
          out.push({ metric: name, attributes: attributes(point.attributes), resource, start: nanosToMs(point.startTimeUnixNano), time: nanosToMs(point.timeUnixNano) ?? now, value, cumulative });
        }
      }
    }
  }
  return out;
}

/** `now`: the time of a record that carries none. */
export function logEvents(body: unknown, now: number): LogEvent[] {
  const out: LogEvent[] = [];
  for (const rl of list(object(body, 'the request').resourceLogs, 'resourceLogs')) {
    for (const sl of list(object(rl, 'resourceLogs[]').scopeLogs, 'scopeLogs')) {
      for (const r of list(object(sl, 'scopeLogs[]').logRecords, 'logRecords')) {
        const record = object(r, 'logRecords[]');
        const attrs = attributes(record.attributes);
        const body = record.body === undefined ? undefined : anyValue(record.body);
        // Claude Code names its events in `event.name` (and the body); newer SDKs in eventName.
        const name = typeof record.eventName === 'string' && record.eventName !== '' ? record.eventName : typeof attrs['event.name'] === 'string' ? attrs['event.name'] : typeof body === 'string' ? body : '';
        out.push({ name, time: nanosToMs(record.timeUnixNano) ?? nanosToMs(record.observedTimeUnixNano) ?? now, attributes: attrs });
      }
    }
  }
  return out;
}

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new OtlpError(`${what} is not an object`);
  return value as Json;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpError(`${what} is not a list`);
  return value;
}

function attributes(value: unknown): Attributes {
  const out: Record<string, string | number | boolean> = {};
  for (const kv of list(value, 'attributes')) {
    const { key, value: v } = object(kv, 'attribute');
    if (typeof key !== 'string') throw new OtlpError('an attribute without a key');
    const read = v === undefined ? undefined : anyValue(v);
    if (read !== undefined) out[key] = read;
  }
  return out;
}

function anyValue(value: unknown): string | number | boolean | undefined {
  const v = object(value, 'a value');
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (typeof v.doubleValue === 'number') return v.doubleValue;
  return undefined;
}

function nanosToMs(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '0' || value === 0) return undefined;
  let n: number;
  try {
    n = typeof value === 'string' ? Number(BigInt(value) / 1_000_000n) : Number(value) / 1e6;
  } catch {
    throw new OtlpError(`a time that is not a number: ${(JSON.stringify(value) ?? "").slice(0, 40)}`);
  }
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
