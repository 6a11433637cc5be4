/**
 * The byte strings that mark a line worth a full parse. A line holding none of them cannot yield an
 * event (see parse-line.ts), so the hot path skips it after a framing check. Keep this list in step
 * with parse-line.ts: a test parses the whole corpus both ways and compares.
 */
export const TRANSCRIPT_NEEDLES: readonly string[] = [
  // Every assistant line with usage; sub-agent tool results carry a usage roll-up too.
  '"usage"',
  // Summary titles can be 1.0.x limit messages.
  '"type":"summary"',
  // Retry lines: type system, subtype api_error.
  '"api_error"',
  '"cost-state"',
  // Background sub-agents' results carry no usage roll-up.
  '"async_launched"',
  // Liveness of running sub-agents.
  '"agent_progress"',
];
