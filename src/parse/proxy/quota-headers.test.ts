import { describe, expect, it } from 'vitest';
import { isSecretHeader, safeHeaders } from './headers.js';
import { quotaFromHeaders } from './quota-headers.js';

const T = Date.parse('2026-11-21T10:00:00Z');

describe('safeHeaders', () => {
  it('drops every credential, keeps the rate-limit counts, lower-cases names', () => {
    const h = safeHeaders({
      Authorization: 'Bearer sk-ant-x',
      'x-api-key': 'k',
      Cookie: 'c',
      'set-cookie': 's',
      'x-session-token': 't',
      'anthropic-ratelimit-tokens-remaining': '9000',
      'Anthropic-Ratelimit-Unified-Status': 'allowed',
    });
    expect([...h.entries()]).toEqual([
      ['anthropic-ratelimit-tokens-remaining', '9000'],
      ['anthropic-ratelimit-unified-status', 'allowed'],
    ]);
  });

  it.each(['authorization', 'Proxy-Authorization', 'x-api-key', 'cookie', 'x-auth-secret', 'oauth-token'])('%s is a secret', (name) => {
    expect(isSecretHeader(name)).toBe(true);
  });
});

describe('quotaFromHeaders', () => {
  it('reads the unified 5h/7d/overage windows and the representative status', () => {
    const readings = quotaFromHeaders(
      safeHeaders({
        'anthropic-ratelimit-unified-status': 'allowed_warning',
        'anthropic-ratelimit-unified-reset': '1795260000',
        'anthropic-ratelimit-unified-5h-utilization': '0.8125',
        'anthropic-ratelimit-unified-5h-reset': '1795260000',
        'anthropic-ratelimit-unified-5h-status': 'allowed_warning',
        'anthropic-ratelimit-unified-7d-utilization': '0.41',
        'anthropic-ratelimit-unified-7d-reset': '1795600000',
        'anthropic-ratelimit-unified-overage-status': 'rejected',
      }),
      T,
    );
    expect(readings.map((r) => [r.window, r.utilization, r.status, r.resetAt])).toEqual([
      ['unified', undefined, 'allowed_warning', 1795260000_000],
      ['5h', 0.8125, 'allowed_warning', 1795260000_000],
      ['7d', 0.41, undefined, 1795600000_000],
      ['overage', undefined, 'rejected', undefined],
    ]);
  });

  it('reads the classic per-minute limits of API keys as used fractions', () => {
    const readings = quotaFromHeaders(
      safeHeaders({ 'anthropic-ratelimit-tokens-limit': '400000', 'anthropic-ratelimit-tokens-remaining': '100000', 'anthropic-ratelimit-tokens-reset': '2026-11-21T10:01:00Z', 'anthropic-ratelimit-requests-limit': '4000', 'anthropic-ratelimit-requests-remaining': '3999' }),
      T,
    );
    expect(readings.map((r) => [r.window, r.limit, r.remaining, r.utilization])).toEqual([
      ['requests', 4000, 3999, 0.00025],
      ['tokens', 400000, 100000, 0.75],
    ]);
    expect(readings[1]?.resetAt).toBe(Date.parse('2026-11-21T10:01:00Z'));
  });

  it('reads nothing from a response without rate-limit headers', () => {
    expect(quotaFromHeaders(safeHeaders({ 'content-type': 'application/json' }), T)).toEqual([]);
  });
});
