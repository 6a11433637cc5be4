/**
 * While the monitor owns the terminal, nothing else may write to it: a Node warning printed to
 * stderr scrolls the screen (the braille canvas's `new Buffer(n)` alone raised DEP0005 on the first
 * frame, two lines that shifted the whole frame). Warnings are held and printed after the terminal
 * is restored, except that one: `new Buffer(number)` has been zero-filled since Node 8.
 */
const HARMLESS = new Set(['DEP0005']);

/** Take over warning output; the returned function gives it back and returns what was held. */
export function holdWarnings(): () => string[] {
  const defaults = process.listeners('warning');
  process.removeAllListeners('warning');
  const held: string[] = [];
  const hold = (warning: Error & { code?: string }): void => {
    if (warning.code === undefined || !HARMLESS.has(warning.code)) held.push(`${warning.name}: ${warning.message}`);
  };
  process.on('warning', hold);
  return () => {
    process.off('warning', hold);
    for (const listener of defaults) process.on('warning', listener);
    return held;
  };
}
