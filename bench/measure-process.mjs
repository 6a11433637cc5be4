// Run a command, timing it and sampling its peak resident set (VmHWM) from /proc while it runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** @returns {Promise<{ms: number, peakKiB: number | undefined, stdout: string, stderr: string, code: number | null}>} */
export function measure(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKiB;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB ?? 0, Number(m[1]));
      } catch {
        // Gone already, or no /proc here: the peak stays what was last seen.
      }
    };
    const timer = setInterval(sample, 5);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, peakKiB, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code });
    });
  });
}
