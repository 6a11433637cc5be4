/** Where the shared real corpus lives beside the project, if it does (it is not part of the project). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REAL_DIR = fileURLToPath(new URL('../../../shared/data/real', import.meta.url));
export const REAL_TRANSCRIPTS = join(REAL_DIR, 'transcripts');
export const REAL_PROXY = join(REAL_DIR, 'proxy');
export const hasRealCorpus = existsSync(REAL_TRANSCRIPTS);
