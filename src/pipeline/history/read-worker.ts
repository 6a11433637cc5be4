/**
 * The second thread of a cold read (pipeline/parallel-read.ts): reads the files it is given (none
 * of them in the index) into records and posts each back as the index's own text, in order, one message a file. Its own entry
 * in the bundle (dist/bin/read-worker.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ScratchBuffer } from '../../sources/file-tailer.js';
import { encodeRecord } from './record-codec.js';
import { readRecord } from '../read/record-reader.js';
import type { WorkerResult } from './parallel-read.js';

const files = (workerData as { files: readonly string[] }).files;
const scratch = new ScratchBuffer();
for (const file of files) {
  const read = readRecord(file, undefined, scratch);
  const result: WorkerResult = {
    file,
    text: read.record === undefined ? undefined : JSON.stringify(encodeRecord(read.record)),
    tail: read.tail,
    bytesRead: read.bytesRead,
    reuse: read.reuse,
    notices: read.notices,
  };
  parentPort?.postMessage(result);
}
