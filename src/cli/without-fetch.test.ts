import { describe, expect, it } from 'vitest';
import { importWithoutFetch } from './without-fetch.js';

describe('importWithoutFetch', () => {
  it('hides fetch while the module loads and puts the same property back', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    const seen = await importWithoutFetch(() => Promise.resolve(typeof globalThis.fetch));
    expect(seen).toBe('undefined');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
    expect(typeof globalThis.fetch).toBe('function');
  });

  it('puts fetch back when the load fails', async () => {
    await expect(importWithoutFetch(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(typeof globalThis.fetch).toBe('function');
  });
});
