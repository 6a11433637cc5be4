/** `--thresholds FILE`: the detectors' defaults with a user's JSON over them. */
import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import './zod-messages.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../detect/thresholds.js';
import { UsageError } from './command-io.js';

const overrideSchema = z.strictObject(Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, z.optional(z.number().check(z.nonnegative()))])) as Record<keyof Thresholds, z.ZodMiniOptional<z.ZodMiniNumber>>);

export async function loadThresholds(file: string | undefined): Promise<Thresholds> {
  if (file === undefined) return DEFAULT_THRESHOLDS;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read thresholds ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = overrideSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`thresholds ${file}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const overrides = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}
