// The address a request comes from, for per-address limits. Behind a reverse proxy every
// connection comes from the proxy, so the operator may say the proxy is trusted: then the
// address is the last one in X-Forwarded-For (RFC 7239 §5.2 describes the same chain for
// `Forwarded`), the one the proxy itself appended, which a client cannot forge. The proxy is
// the one on this host (docs/OPERATIONS.md): a client that reaches the server's port directly
// is counted under its own address whatever its header says, as the rate limits count it
// (rate-limits.ts `addressOf`).
import type { IncomingMessage } from 'node:http';

/** Where a reverse proxy on the same host connects from. */
export const LOOPBACK: readonly string[] = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

/** The client's address: the socket's peer, or with `trustProxy` and a peer on the loopback, the proxy's last X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy || !LOOPBACK.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : header ?? '').split(',');
  const last = chain[chain.length - 1]!.trim();
  return last === '' ? peer : last;
}
