/**
 * The mitmproxy-style relay log: requests and responses on separate lines, with no id
 * linking them, mixed with other hosts. Only Messages API traffic is kept. A response is paired with
 * the earliest waiting request to the same URL for the same model (responses can overtake each
 * other), else to the same URL; what stays unpaired is counted.
 */
import * as z from 'zod/mini';
import type { Origin } from '../events.js';
import { optionalString, usageSchema } from '../schemas.js';
import { safeHeaders } from './headers.js';
import type { ProxyRequestEvent, ProxyUsage } from './proxy-events.js';
import { quotaFromHeaders } from './quota-headers.js';
import { usageFromSse } from './sse-usage.js';
import { safeName } from '../untrusted-text.js';

const MESSAGES_API = /^https:\/\/api\.anthropic\.com\/v1\/messages(?:\?|$)/;

const lineSchema = z.object({
  type: z.enum(['request', 'response']),
  timestamp: z.string(),
  url: z.string(),
  status_code: z.catch(z.optional(z.union([z.string(), z.number()])), undefined),
  headers: z.optional(z.unknown()),
  content: optionalString,
});

/** True when a parsed JSON line has the relay log's shape. */
export function isRelayLine(value: unknown): boolean {
  return lineSchema.safeParse(value).success;
}

interface Waiting {
  readonly time: number;
  readonly url: string;
  readonly model: string | undefined;
}

export interface RelayCounts {
  /** Lines of other hosts and endpoints, skipped. */
  otherTraffic: number;
  unpairedRequests: number;
  unpairedResponses: number;
}

/** Feed lines in file order; each completed pair comes back as a request event. */
export class RelayPairer {
  readonly counts: RelayCounts = { otherTraffic: 0, unpairedRequests: 0, unpairedResponses: 0 };
  private readonly waiting: Waiting[] = [];

  add(value: unknown, origin: Origin): ProxyRequestEvent | undefined {
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) return undefined;
    const line = parsed.data;
    if (!MESSAGES_API.test(line.url)) {
      this.counts.otherTraffic += 1;
      return undefined;
    }
    // The relay writes local time without a zone; read as UTC, consistently for both sides of a pair.
    const time = Date.parse(`${line.timestamp}Z`);
    if (line.type === 'request') {
      this.waiting.push({ time, url: line.url, model: modelOfRequest(line.content) });
      return undefined;
    }
    const body = responseBody(line.content);
    const match = this.waiting.findIndex((w) => w.url === line.url && w.model !== undefined && w.model === body.model);
    const index = match >= 0 ? match : this.waiting.findIndex((w) => w.url === line.url);
    if (index < 0) {
      this.counts.unpairedResponses += 1;
      return undefined;
    }
    const [request] = this.waiting.splice(index, 1);
    return {
      kind: 'proxy-request',
      time,
      model: body.model !== undefined ? safeName(body.model) : request?.model === undefined ? undefined : safeName(request.model),
      status: Number(line.status_code),
      durationMs: request === undefined ? undefined : Math.max(0, time - request.time),
      messageId: body.id,
      usage: body.usage,
      quota: quotaFromHeaders(safeHeaders(line.headers), time, origin),
      origin,
    };
  }

  /** At the end of the file: requests still waiting had no response in the log. */
  finish(): void {
    this.counts.unpairedRequests += this.waiting.length;
    this.waiting.length = 0;
  }
}

function modelOfRequest(content: string | undefined): string | undefined {
  try {
    const body = JSON.parse(content ?? '') as { model?: unknown };
    return typeof body.model === 'string' ? body.model : undefined;
  } catch {
    return undefined;
  }
}

function responseBody(content: string | undefined): { id: string | undefined; model: string | undefined; usage: ProxyUsage | undefined } {
  const text = content ?? '';
  if (text.startsWith('event:') || text.startsWith('data:')) return usageFromSse(text);
  try {
    const body = JSON.parse(text) as { id?: unknown; model?: unknown; usage?: unknown };
    const u = usageSchema.safeParse(body.usage);
    return {
      id: typeof body.id === 'string' ? body.id : undefined,
      model: typeof body.model === 'string' ? body.model : undefined,
      usage: u.success ? { input: u.data.input_tokens ?? 0, output: u.data.output_tokens ?? 0, cacheCreation: u.data.cache_creation_input_tokens ?? 0, cacheRead: u.data.cache_read_input_tokens ?? 0 } : undefined,
    };
  } catch {
    return { id: undefined, model: undefined, usage: undefined };
  }
}
