import { describe, expect, it } from 'vitest';
import { errorKind } from './error-kind.js';

describe('errorKind', () => {
  it.each([
    ['Invalid API key · Please run /login', undefined, 'auth'],
    ['Not logged in · Please run /login', undefined, 'auth'],
    ['API Error: 401 {"type":"error","error":{"type":"authentication_error"}}', 401, 'auth'],
    ['API Error: Repeated 529 Overloaded errors', undefined, 'overloaded'],
    ['API Error: 524 status code (no body)', 524, 'server'],
    ['API Error: 500 {"type":"error"}', 500, 'server'],
    ['Request timed out', undefined, 'timeout'],
    ['API Error: Unable to connect to API (ECONNREFUSED)', undefined, 'connection'],
    ['API Error: Connection error.', undefined, 'connection'],
    ['Prompt is too long', undefined, 'prompt-too-long'],
    ['Credit balance is too low', undefined, 'credit'],
    ['Something else went wrong', undefined, 'other'],
    ['Something else', 529, 'overloaded'],
  ] as const)('%s -> %s', (text, status, kind) => {
    expect(errorKind(text, status)).toBe(kind);
  });
});
