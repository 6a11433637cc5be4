/**
 * An anomaly's id as reports print it, and how a person's copy of it is found again. The id is
 * `kind:session:start` (detect/anomaly.ts); a session id is 36 characters, so reports cut it to its
 * first 8, and `tokentop evidence --anomaly` takes either form.
 */
const SESSION_SHOWN = 8;

export function shortAnomalyId(id: string): string {
  const [kind, session, start, ...rest] = id.split(':');
  if (kind === undefined || session === undefined || start === undefined || rest.length > 0 || session.length <= SESSION_SHOWN) return id;
  return `${kind}:${session.slice(0, SESSION_SHOWN)}:${start}`;
}

/** Does `given` (an id as printed, whole or short) name the anomaly `id`? */
export function matchesAnomalyId(id: string, given: string): boolean {
  return id === given || shortAnomalyId(id) === given;
}
