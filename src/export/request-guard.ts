/**
 * Who may talk to tokentop's servers. A web page in the user's browser can send a simple POST to
 * 127.0.0.1 with no preflight (text/plain, a form), and a DNS-rebinding page can read a loopback
 * port through a name of its own. Browsers always name themselves: such a request carries an
 * `Origin`, or a `Host` that is not the address listened on. Scrapers and OTLP exporters send neither.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** Why a request is refused, or undefined when it may go on. `host` and `port` are where the server listens. */
export function foreignRequest(req: IncomingMessage, host: string, port: number): string | undefined {
  if (req.headers.origin !== undefined) return `a request from a web page (Origin ${req.headers.origin}) is refused`;
  // Listening on a loopback address: only loopback names may be in Host. Listening wider, the user chose who may reach it.
  if (!isLoopback(host)) return undefined;
  const given = (req.headers.host ?? '').toLowerCase();
  const allowed = LOOPBACK_NAMES.flatMap((name) => [`${name}:${port}`, ...(port === 80 ? [name] : [])]);
  return allowed.includes(given) ? undefined : `Host ${JSON.stringify(given)} is not this server's address (127.0.0.1:${port})`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
