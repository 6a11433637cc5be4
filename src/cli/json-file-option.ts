/** A flag that names a JSON file (--prices, --thresholds): its contents, or one line saying why not. */
import { readFile } from 'node:fs/promises';
import { UsageError } from './command-io.js';

/** `what` names the file in the error, e.g. "price table". */
export async function readJsonOption(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
