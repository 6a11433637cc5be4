/**
 * What several detectors need to know of one input before they judge it: which times are copies'
 * (copied-times.ts) and why each large cache write happened (cache-causes.ts). Worked out once per
 * input and shared, so that one response is never expected to one rule and anomalous to another.
 */
import { classifyWrites, type WriteCause } from './cache-causes.js';
import { copiedTimes, type CopiedTimes } from './copied-times.js';
import type { DetectorInput } from './detector-input.js';

export interface DetectorFacts {
  readonly copied: CopiedTimes;
  /** The cause of each large cache write, by response key. */
  readonly writes: ReadonlyMap<string, WriteCause>;
}

const known = new WeakMap<DetectorInput, DetectorFacts>();

export function factsOf(input: DetectorInput): DetectorFacts {
  let facts = known.get(input);
  if (facts === undefined) {
    const copied = copiedTimes(input.responses, input.limits, input.retries);
    facts = { copied, writes: classifyWrites(input.responses, input.thresholds, copied.response, input.quota) };
    known.set(input, facts);
  }
  return facts;
}
