/** `--thresholds FILE`: the detectors' defaults with a user's JSON over them. */
import * as z from 'zod/mini';
import './zod-messages.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../detect/thresholds.js';
import { UsageError } from './command-io.js';
import { readJsonOption } from './json-file-option.js';

const overrideSchema = z.strictObject(Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, z.optional(z.number().check(z.nonnegative()))])) as Record<keyof Thresholds, z.ZodMiniOptional<z.ZodMiniNumber>>);

export async function loadThresholds(file: string | undefined): Promise<Thresholds> {
  if (file === undefined) return DEFAULT_THRESHOLDS;
  const raw = await readJsonOption(file, 'thresholds');
  const parsed = overrideSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`thresholds ${file}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const overrides = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}
