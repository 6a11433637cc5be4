/** One string per distinct scope: the ledger interns scopes and groups folded responses by it. */
import type { Scope } from '../parse/events.js';

export function scopeKey(scope: Scope): string {
  // \u0001 stands for "absent", so an absent agent or cwd never equals an empty one.
  return `${scope.sessionId}\u0000${scope.agentId ?? '\u0001'}\u0000${scope.isSidechain ? 1 : 0}\u0000${scope.project}\u0000${scope.cwd ?? '\u0001'}\u0000${scope.version ?? '\u0001'}`;
}
