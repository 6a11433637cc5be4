/** `tokentop verify DIR [--against PATH...] [--digest SHA256]`: argument handling; the checks are evidence/verify-bundle.ts. */
import { BundleError, verifyBundle } from '../evidence/verify-bundle.js';
import { UsageError, type CommandIO } from './command-io.js';
import { commandHelp, parseCommand, VERIFY_OPTIONS } from './options.js';

export async function runVerify(argv: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommand(VERIFY_OPTIONS, argv);
  if (values.help) {
    io.out(`${commandHelp(VERIFY_OPTIONS)}\n`);
    return 0;
  }
  const [dir, ...extra] = positionals;
  if (dir === undefined || extra.length > 0) throw new UsageError('give one DIR: the folder tokentop evidence wrote');
  try {
    const result = await verifyBundle(dir, values.against ?? [], values.digest);
    for (const line of result.lines) io.out(`${line}\n`);
    const failed = result.lines.filter((l) => !l.startsWith('ok') && !l.startsWith('note')).length;
    io.out(result.ok ? `verified: everything the manifest names matches (${result.lines.length} checks)\n` : `NOT verified: ${failed} of ${result.lines.length} checks failed\n`);
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof BundleError) throw new UsageError(error.message);
    throw error;
  }
}
