import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdWarnings } from './hold-warnings.js';

describe('holdWarnings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('holds warnings while the screen is ours, gives back the listeners, and drops only DEP0005', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const release = holdWarnings();
    process.emitWarning('Buffer() is deprecated', { code: 'DEP0005', type: 'DeprecationWarning' });
    process.emitWarning('something else', { code: 'X1', type: 'ExperimentalWarning' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stderr).not.toHaveBeenCalled();
    expect(release()).toEqual(['ExperimentalWarning: something else']);
    expect(process.listeners('warning').length).toBeGreaterThan(0);
  });
});
