/** `--width N`: the columns a text report fits; else the terminal's (80 when not a terminal). */
import { UsageError } from './command-io.js';

/** Narrower than this, no table fits a row of figures. */
const MIN_WIDTH = 40;

export function widthOption(flag: string | undefined, columns: number): number {
  if (flag === undefined) return Math.max(MIN_WIDTH, columns);
  const width = Number(flag);
  if (!Number.isInteger(width) || width < MIN_WIDTH || width > 1000) throw new UsageError(`--width ${JSON.stringify(flag)} is not a number of columns from ${MIN_WIDTH} to 1000`);
  return width;
}
