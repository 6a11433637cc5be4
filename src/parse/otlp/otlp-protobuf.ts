/**
 * OTLP/HTTP protobuf bodies (ExportMetricsServiceRequest, ExportLogsServiceRequest) decoded into the
 * shape OTLP/JSON has (camelCase, 64-bit integers as strings), so that one reader (otlp-json.ts)
 * takes both encodings. Only the fields tokentop reads are kept; the rest are skipped by wire type.
 * Field numbers: opentelemetry-proto v1 (metrics.proto, logs.proto, common.proto, resource.proto).
 */
import { WireError, WireReader } from './protobuf-wire.js';

type Json = Record<string, unknown>;

export function metricsRequestFromProtobuf(body: Uint8Array): Json {
  const resourceMetrics: Json[] = [];
  each(new WireReader(body), { 1: msg((r) => resourceMetrics.push(resourceOf(r, 'scopeMetrics', scopeMetrics))) });
  return { resourceMetrics };
}

export function logsRequestFromProtobuf(body: Uint8Array): Json {
  const resourceLogs: Json[] = [];
  each(new WireReader(body), { 1: msg((r) => resourceLogs.push(resourceOf(r, 'scopeLogs', scopeLogs))) });
  return { resourceLogs };
}

type Handler = (r: WireReader) => void;
/** A field's wire type (0 varint, 1 fixed64, 2 length-delimited) and what reads it. */
type Field = readonly [0 | 1 | 2, Handler];

/** Every field of a message: a length-delimited one gets a reader over its bytes, a scalar the reader at its value. */
function each(reader: WireReader, fields: Record<number, Field>): void {
  while (!reader.done) {
    const { field, wire } = reader.tag();
    const known = fields[field];
    if (known === undefined) reader.skip(wire);
    else if (known[0] !== wire) throw new WireError(`field ${field} has wire type ${wire}, not ${known[0]}`);
    else if (wire === 2) known[1](reader.message());
    else known[1](reader);
  }
}

const msg = (h: Handler): Field => [2, h];
const varint = (h: Handler): Field => [0, h];
const fixed64 = (h: Handler): Field => [1, h];

function resourceOf(r: WireReader, key: string, inner: (r: WireReader) => Json): Json {
  const out: Json = { resource: { attributes: [] }, [key]: [] };
  each(r, {
    1: msg((res) => each(res, { 1: msg((kv) => ((out.resource as Json).attributes as Json[]).push(keyValue(kv))) })),
    2: msg((s) => (out[key] as Json[]).push(inner(s))),
  });
  return out;
}

function scopeMetrics(r: WireReader): Json {
  const metrics: Json[] = [];
  const out: Json = { scope: {}, metrics };
  each(r, { 1: msg((s) => (out.scope = scope(s))), 2: msg((m) => metrics.push(metric(m))) });
  return out;
}

function scopeLogs(r: WireReader): Json {
  const logRecords: Json[] = [];
  const out: Json = { scope: {}, logRecords };
  each(r, { 1: msg((s) => (out.scope = scope(s))), 2: msg((l) => logRecords.push(logRecord(l))) });
  return out;
}

function scope(r: WireReader): Json {
  const out: Json = {};
  each(r, { 1: msg((s) => (out.name = text(s))), 2: msg((s) => (out.version = text(s))) });
  return out;
}

function metric(r: WireReader): Json {
  const out: Json = {};
  const numbers = (key: string) => (m: WireReader) => {
    const data: Json = { dataPoints: [] };
    each(m, {
      1: msg((p) => (data.dataPoints as Json[]).push(numberDataPoint(p))),
      2: varint((v) => (data.aggregationTemporality = v.varint())),
      3: varint((v) => (data.isMonotonic = v.varint() !== 0)),
    });
    out[key] = data;
  };
  each(r, { 1: msg((s) => (out.name = text(s))), 3: msg((s) => (out.unit = text(s))), 5: msg(numbers('gauge')), 7: msg(numbers('sum')) });
  return out;
}

function numberDataPoint(r: WireReader): Json {
  const out: Json = { attributes: [] };
  each(r, {
    7: msg((kv) => (out.attributes as Json[]).push(keyValue(kv))),
    2: fixed64((v) => (out.startTimeUnixNano = v.fixed64().unsigned.toString())),
    3: fixed64((v) => (out.timeUnixNano = v.fixed64().unsigned.toString())),
    4: fixed64((v) => (out.asDouble = v.fixed64().double)),
    6: fixed64((v) => (out.asInt = v.fixed64().signed.toString())),
  });
  return out;
}

function logRecord(r: WireReader): Json {
  const out: Json = { attributes: [] };
  each(r, {
    1: fixed64((v) => (out.timeUnixNano = v.fixed64().unsigned.toString())),
    11: fixed64((v) => (out.observedTimeUnixNano = v.fixed64().unsigned.toString())),
    5: msg((v) => (out.body = anyValue(v))),
    6: msg((kv) => (out.attributes as Json[]).push(keyValue(kv))),
    12: msg((s) => (out.eventName = text(s))),
  });
  return out;
}

function keyValue(r: WireReader): Json {
  const out: Json = { key: '', value: {} };
  each(r, { 1: msg((s) => (out.key = text(s))), 2: msg((v) => (out.value = anyValue(v))) });
  return out;
}

function anyValue(r: WireReader): Json {
  const out: Json = {};
  each(r, {
    1: msg((s) => (out.stringValue = text(s))),
    2: varint((v) => (out.boolValue = v.varint() !== 0)),
    3: varint((v) => (out.intValue = String(v.varint()))),
    4: fixed64((v) => (out.doubleValue = v.fixed64().double)),
  });
  return out;
}

/** A string field (the handler got a reader over its bytes). */
function text(r: WireReader): string {
  return r.restAsText();
}
