import { describe, expect, it } from 'vitest';
import { redactLine } from './redact-line.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('redactLine', () => {
  it('redacts credentials by key and by value, wherever they are', () => {
    const line = JSON.stringify({
      request: { headers: { Authorization: 'Bearer sk-ant-oat01-abcdefghijklmnop', 'x-api-key': 'sk-ant-api03-zzzzzzzzzzzz', Cookie: 'sid=1', 'anthropic-ratelimit-unified-5h-utilization': '0.31' } },
      note: 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c and ghp_abcdefghijklmnopqrstuvwx',
      message: { usage: { input_tokens: 3, cache_read_input_tokens: 9000 } },
    });
    const out = redactLine(line, false);
    expect(out).not.toMatch(/sk-ant|eyJhbGci|ghp_abc|sid=1/);
    const parsed = JSON.parse(out) as { request: { headers: Record<string, string> }; message: { usage: Record<string, number> } };
    expect(parsed.request.headers.Authorization).toBe('[redacted]');
    expect(parsed.request.headers['anthropic-ratelimit-unified-5h-utilization']).toBe('0.31');
    // Token counts are not credentials.
    expect(parsed.message.usage).toEqual({ input_tokens: 3, cache_read_input_tokens: 9000 });
  });

  it('leaves message content out unless asked, but keeps Claude Code\'s own limit message', () => {
    const answer = JSON.stringify({ type: 'assistant', message: { model: 'claude-opus-4-6', content: [{ type: 'text', text: 'the secret plan' }], usage: { output_tokens: 5 } } });
    expect(redactLine(answer, false)).not.toContain('the secret plan');
    expect(redactLine(answer, false)).toContain('left out: 1 items');
    expect(redactLine(answer, true)).toContain('the secret plan');
    const limit = JSON.stringify({ type: 'assistant', message: { model: '<synthetic>', content: [{ type: 'text', text: "You've hit your limit · resets 5am (America/Los_Angeles)" }] } });
    expect(redactLine(limit, false)).toContain("You've hit your limit");
    expect(redactLine(JSON.stringify({ type: 'summary', summary: 'Claude AI usage limit reached|1755212400' }), false)).toContain('usage limit reached');
    expect(redactLine(JSON.stringify({ type: 'summary', summary: 'Refactor payroll for ACME' }), false)).not.toContain('ACME');
  });

  it('escapes every control character, and quotes a line that is not JSON', () => {
    const evil = JSON.stringify({ cwd: '/tmp/\u001b]0;pwned\u0007\u009b2J\u202eevil', message: { model: '<synthetic>', content: [{ text: 'x\u001b[2Jy' }] } });
    const out = redactLine(evil, true);
    expect(out).not.toMatch(CONTROL);
    expect(JSON.parse(out)).toEqual(JSON.parse(evil));
    const broken = redactLine('{"type":"assistant", Bearer abcdefghijklmnop \u001b[31m', false);
    expect(broken).not.toMatch(CONTROL);
    expect(broken).not.toContain('abcdefghijklmnop');
    expect(JSON.parse(broken)).toHaveProperty('unparsed');
  });
});
