/**
 * claude-trace style proxy lines: one request/response pair a line, epoch-second
 * timestamps, the `anthropic-ratelimit-unified-*` headers. No credential is ever written.
 */

export interface QuotaReading {
  readonly status: 'allowed' | 'allowed_warning' | 'rejected';
  /** 0..1 */
  readonly fiveHour: number;
  readonly fiveHourReset: number;
  readonly sevenDay: number;
  readonly sevenDayReset: number;
}

export interface ProxyExchange {
  readonly time: number;
  readonly model: string;
  readonly usage: { readonly input: number; readonly output: number; readonly cacheCreation: number; readonly cacheRead: number };
  readonly quota: QuotaReading;
  readonly requestId: string;
}

export function claudeTraceLine(x: ProxyExchange): string {
  const seconds = (ms: number): number => Math.round(ms) / 1000;
  const epoch = (ms: number): string => String(Math.floor(ms / 1000));
  return JSON.stringify({
    request: {
      timestamp: seconds(x.time - 2400),
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages?beta=true',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'user-agent': 'claude-cli/2.1.63 (external, cli)' },
      body: { model: x.model, max_tokens: 32000, stream: false, messages: [{ role: 'user', content: '…' }] },
    },
    response: {
      timestamp: seconds(x.time),
      status_code: 200,
      headers: {
        'content-type': 'application/json',
        'request-id': x.requestId,
        'anthropic-ratelimit-unified-status': x.quota.status,
        'anthropic-ratelimit-unified-reset': epoch(x.quota.fiveHourReset),
        'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        'anthropic-ratelimit-unified-5h-utilization': x.quota.fiveHour.toFixed(4),
        'anthropic-ratelimit-unified-5h-reset': epoch(x.quota.fiveHourReset),
        'anthropic-ratelimit-unified-5h-status': x.quota.status,
        'anthropic-ratelimit-unified-7d-utilization': x.quota.sevenDay.toFixed(4),
        'anthropic-ratelimit-unified-7d-reset': epoch(x.quota.sevenDayReset),
        'anthropic-ratelimit-unified-7d-status': 'allowed',
      },
      body: {
        id: `msg_proxy_${x.requestId}`,
        type: 'message',
        role: 'assistant',
        model: x.model,
        content: [{ type: 'text', text: '…' }],
        usage: { input_tokens: x.usage.input, output_tokens: x.usage.output, cache_creation_input_tokens: x.usage.cacheCreation, cache_read_input_tokens: x.usage.cacheRead },
      },
    },
    logged_at: new Date(x.time).toISOString().replace('Z', ''),
  });
}
