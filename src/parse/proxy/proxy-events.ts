/** What a proxy log says: one event per API request, with its response when the log has one. */
import type { Origin } from '../events.js';
import type { QuotaReading } from './quota-headers.js';

export interface ProxyUsage {
  readonly input: number;
  readonly output: number;
  readonly cacheCreation: number;
  readonly cacheRead: number;
}

export interface ProxyRequestEvent {
  readonly kind: 'proxy-request';
  /** Of the response, or of the request when there is none. */
  readonly time: number;
  readonly model: string | undefined;
  /** Undefined when the log has no response for the request. */
  readonly status: number | undefined;
  readonly durationMs: number | undefined;
  readonly messageId: string | undefined;
  readonly usage: ProxyUsage | undefined;
  readonly quota: readonly QuotaReading[];
  readonly origin: Origin;
}
