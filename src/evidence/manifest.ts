/**
 * `manifest.json`: what a bundle holds and how to check it. Each source file by path (or a stable
 * pseudonym), size, mtime and sha256 of its first `size` bytes (a log that only grew since still
 * checks); each quoted line by source, number, byte offset, length and sha256 of its original bytes;
 * each file of the bundle by sha256, so that an edit to the bundle shows too.
 */
import * as z from 'zod/mini';

export const MANIFEST_FORMAT = 'tokentop-evidence/1';

const hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const count = z.number().check(z.int(), z.nonnegative());

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.literal('tokentop'),
  version: z.string(),
  createdAt: z.string(),
  prices: z.object({ date: z.string(), source: z.string() }),
  selection: z.object({ anomaly: z.optional(z.string()), since: z.optional(z.string()), until: z.optional(z.string()) }),
  redactPaths: z.boolean(),
  includeContent: z.boolean(),
  sources: z.array(
    z.object({
      id: z.string(),
      /** The absolute path, or a pseudonym (`source-<hash>.jsonl`) with --redact-paths. */
      path: z.string(),
      pseudonym: z.boolean(),
      size: count,
      mtime: z.string(),
      sha256: hex,
      changedDuringRun: z.boolean(),
      missingLines: z.array(count),
    }),
  ),
  lines: z.array(z.object({ source: z.string(), line: count, offset: count, length: count, sha256: hex, quotedIn: z.string() })),
  files: z.array(z.object({ path: z.string(), sha256: hex })),
});

export type Manifest = z.infer<typeof manifestSchema>;
