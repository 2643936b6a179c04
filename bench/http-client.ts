// A minimal keep-alive HTTP client on node:http, with no dependency to install: the load
// generator must cost the shared cores as little as possible.
import { Agent, request } from 'node:http';

/** An HTTP answer's status and body text. */
export interface Reply {
  status: number;
  body: string;
}

/** Keep-alive HTTP requests to one server over a fixed number of connections. */
export class Client {
  /** The keep-alive agent holding the connections. */
  readonly agent: Agent;
  /** The server's host. */
  readonly host: string;
  /** The server's port. */
  readonly port: number;

  constructor(url: string, connections: number) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  /** Sends one request and resolves with the whole answer; rejects after `timeoutMs` without one. */
  send(method: 'GET' | 'POST', path: string, body?: string, timeoutMs = 60_000): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = request({ host: this.host, port: this.port, path, method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes every connection. */
  close(): void {
    this.agent.destroy();
  }
}

/** The refusal code of an error reply, or the status when the body is not the API's error shape. */
export function errorCode(reply: Reply): string {
  try {
    const parsed = JSON.parse(reply.body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) return `${reply.status} ${parsed.error.code}: ${parsed.error.message ?? ''}`;
  } catch {
    // not JSON
  }
  return `${reply.status} ${reply.body.slice(0, 200)}`;
}
