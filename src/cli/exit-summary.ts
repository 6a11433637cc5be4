/** The summary printed when a monitor exits (built by session/summarize.ts, as `summary`'s is), and --summary-file. */
import { jsonText } from '../report/json-text.js';
import { writeFile } from 'node:fs/promises';
import type { Summary } from '../report/summary.js';
import { renderSummaryText } from '../report/summary-text.js';
import { wrap } from '../report/text-width.js';
import type { CommandIO } from './command-io.js';
import { terminalGone } from './terminal-gone.js';

/** The summary file first (a terminal closed under the monitor must not cost it), then the text, unless the terminal is gone. */
export async function printExitSummary(summary: Summary, columns: number, summaryFile: string | undefined, io: CommandIO, written: readonly string[] = []): Promise<void> {
  const files = written.length === 0 ? '' : `\n${[`WRITTEN (${written.length})`, ...written.flatMap((w) => wrap(w, columns - 2).map((line) => `  ${line}`))].join('\n')}\n`;
  const text = renderSummaryText(summary, columns) + files;
  if (summaryFile !== undefined) await writeFile(summaryFile, summaryFile.endsWith('.json') ? `${jsonText(summary)}\n` : text);
  if (!terminalGone()) io.out(text);
}
