/**
 * claude-trace JSONL: a request and its response on one line. Times are the epoch-second
 * floats (logged_at is local time without a zone). Usage from the JSON body, or from the SSE text of a
 * streamed one. Credentials in the request headers are never read.
 */
import * as z from 'zod/mini';
import type { Origin } from '../events.js';
import { optionalString, usageSchema } from '../schemas.js';
import { safeHeaders } from './headers.js';
import type { ProxyRequestEvent, ProxyUsage } from './proxy-events.js';
import { quotaFromHeaders } from './quota-headers.js';
import { usageFromSse } from './sse-usage.js';
import { safeName } from '../untrusted-text.js';

const lineSchema = z.object({
  request: z.object({
    timestamp: z.number(),
    url: optionalString,
    body: z.optional(z.unknown()),
  }),
  response: z.nullable(
    z.object({
      timestamp: z.number(),
      status_code: z.number(),
      headers: z.optional(z.unknown()),
      body: z.optional(z.unknown()),
      body_raw: z.catch(z.nullish(z.string()), undefined),
    }),
  ),
});

const bodySchema = z.object({ id: optionalString, model: optionalString, usage: z.catch(z.optional(usageSchema), undefined) });
const requestBodySchema = z.object({ model: optionalString });

/** True when a parsed JSON line has claude-trace's shape (format detection looks at the first line). */
export function isClaudeTraceLine(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'request' in value && 'response' in value;
}

export function parseClaudeTraceLine(value: unknown, origin: Origin): ProxyRequestEvent | undefined {
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { request, response } = parsed.data;
  const requestModel = requestBodySchema.safeParse(request.body);
  if (response === null) {
    return { kind: 'proxy-request', time: request.timestamp * 1000, model: requestModel.success && requestModel.data.model !== undefined ? safeName(requestModel.data.model) : undefined, status: undefined, durationMs: undefined, messageId: undefined, usage: undefined, quota: [], origin };
  }
  const time = response.timestamp * 1000;
  let usage: ProxyUsage | undefined;
  let model = requestModel.success ? requestModel.data.model : undefined;
  let messageId: string | undefined;
  const body = bodySchema.safeParse(response.body);
  if (body.success && body.data.usage !== undefined) {
    const u = body.data.usage;
    usage = { input: u.input_tokens ?? 0, output: u.output_tokens ?? 0, cacheCreation: u.cache_creation_input_tokens ?? 0, cacheRead: u.cache_read_input_tokens ?? 0 };
    model = body.data.model ?? model;
    messageId = body.data.id;
  } else if (typeof response.body_raw === 'string') {
    const streamed = usageFromSse(response.body_raw);
    usage = streamed.usage;
    model = streamed.model ?? model;
    messageId = streamed.id;
  }
  return {
    kind: 'proxy-request',
    time,
    model: model === undefined ? undefined : safeName(model),
    status: response.status_code,
    durationMs: Math.max(0, time - request.timestamp * 1000),
    messageId,
    usage,
    quota: quotaFromHeaders(safeHeaders(response.headers), time, origin),
    origin,
  };
}
