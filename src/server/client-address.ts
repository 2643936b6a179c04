// The address a request comes from, for per-address limits. Behind a reverse proxy every
// connection comes from the proxy, so the operator may say the proxy is trusted: then the
// address is the last one in X-Forwarded-For (RFC 7239 §5.2 describes the same chain for
// `Forwarded`), the one the proxy itself appended, which a client cannot forge.
import type { IncomingMessage } from 'node:http';

/** The client's address: the socket's peer, or with `trustProxy` the proxy's last X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : header ?? '').split(',');
  const last = chain[chain.length - 1]!.trim();
  return last === '' ? peer : last;
}
