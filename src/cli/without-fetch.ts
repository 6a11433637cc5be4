/**
 * Load a module with the global `fetch` hidden, for the commands that draw with Ink.
 *
 * Why: Ink's layout engine, yoga-layout, ships its WebAssembly inline as base64 and, when a global
 * `fetch` exists, "fetches" that data: URL instead of decoding it. In Node the first touch of `fetch`
 * loads the whole HTTP client (undici) through a lazy getter, ~50 ms of start-up on this project's
 * machine, for bytes already in memory. Without `fetch` yoga decodes them directly. The property is
 * swapped by descriptor (reading it would load undici) and put back once the module has loaded:
 * yoga checks `fetch` while it is evaluated, never after.
 */
export async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (descriptor?.configurable !== true) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
