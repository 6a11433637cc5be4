/** The summary printed when a monitor exits (built by session/summarize.ts, as `summary`'s is), and --summary-file. */
import { jsonText } from '../report/json-text.js';
import { writeFile } from 'node:fs/promises';
import type { Summary } from '../report/summary.js';
import { renderSummaryText } from '../report/summary-text.js';
import type { CommandIO } from './command-io.js';

export async function printExitSummary(summary: Summary, columns: number, summaryFile: string | undefined, io: CommandIO): Promise<void> {
  const text = renderSummaryText(summary, columns);
  io.out(text);
  if (summaryFile !== undefined) await writeFile(summaryFile, summaryFile.endsWith('.json') ? `${jsonText(summary)}\n` : text);
}
