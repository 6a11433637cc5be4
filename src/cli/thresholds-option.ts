/** `--thresholds FILE`: the detectors' defaults with a user's JSON over them. */
import * as z from 'zod/mini';
import './zod-messages.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../detect/thresholds.js';
import { UsageError } from './command-io.js';
import { readJsonOption } from './json-file-option.js';

/**
 * Keys of rules that were retired: a file written for an older tokentop still loads (they are
 * ignored). premature-lockout no longer judges from local tokens (local files are a lower bound).
 */
const RETIRED = ['lockoutFloorTokens', 'lockoutFractionOfP90'] as const;

const overrideSchema = z.strictObject({
  ...(Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, z.optional(z.number().check(z.nonnegative()))])) as Record<keyof Thresholds, z.ZodMiniOptional<z.ZodMiniNumber>>),
  ...Object.fromEntries(RETIRED.map((k) => [k, z.optional(z.number())])),
});

/** From `--thresholds FILE`, else from the numbers a config file holds (`inline`), else the defaults. */
export async function loadThresholds(file: string | undefined, inline?: { readonly from: string; readonly values: Record<string, number> }): Promise<Thresholds> {
  if (file === undefined && inline === undefined) return DEFAULT_THRESHOLDS;
  const raw = file === undefined ? inline?.values : await readJsonOption(file, 'thresholds');
  const parsed = overrideSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`thresholds ${file ?? inline?.from ?? ''}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const overrides = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => v !== undefined && !(RETIRED as readonly string[]).includes(k)));
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}
