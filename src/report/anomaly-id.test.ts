import { describe, expect, it } from 'vitest';
import { matchesAnomalyId, shortAnomalyId } from './anomaly-id.js';

describe('anomaly ids as reports print them', () => {
  const id = 'premature-lockout:1fabb4a9-576a-4fdd-8a4a-a6b6603f50e0:1796395518585';
  it('cuts the session to 8 characters, and a printed id (short or whole) finds its anomaly again', () => {
    expect(shortAnomalyId(id)).toBe('premature-lockout:1fabb4a9:1796395518585');
    expect(matchesAnomalyId(id, 'premature-lockout:1fabb4a9:1796395518585')).toBe(true);
    expect(matchesAnomalyId(id, id)).toBe(true);
    expect(matchesAnomalyId(id, 'premature-lockout:1fabb4a9:1796395518586')).toBe(false);
    expect(matchesAnomalyId(id, 'premature-lockout:1fabb4a:1796395518585')).toBe(false);
  });
  it('leaves ids with no session, or a short one, as they are', () => {
    expect(shortAnomalyId('counter-reset:-:1796395543585')).toBe('counter-reset:-:1796395543585');
    expect(shortAnomalyId('retry-storm:s1:5')).toBe('retry-storm:s1:5');
  });
});
