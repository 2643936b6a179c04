// GET /api/events: every entry of the log, live, over server-sent events (WHATWG HTML,
// "Server-sent events"). A client resumes with Last-Event-ID (or ?after=N) and gets every entry
// after that index, then live ones; with ?view=summary, one summary per batch instead (the
// entries' range and act types: what the hall's phones and screens need to read again). The streams themselves are the process's fan-out
// (fanout.ts): this route checks the request and the connection caps, then hands the socket
// over. Beyond a cap the answer is 503 with Retry-After (RFC 9110 §10.2.3), which a browser's
// EventSource treats as final and the web app retries after a pause.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Hono } from 'hono';
import { clientAddress } from './client-address.js';
import type { AppContext } from './context.js';
import { fail, queryInt } from './http.js';

/** What @hono/node-server passes as the environment: the Node request and response. */
interface NodeBindings {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

export function eventRoutes(app: Hono, ctx: AppContext): void {
  app.get('/api/events', (c) => {
    const resume = c.req.header('last-event-id') ?? c.req.query('after');
    const after = queryInt(resume);
    if (after === null) return fail(c, 400, 'request.invalid_query', 'Last-Event-ID / after must be an entry index.');
    const view = c.req.query('view') ?? 'entries';
    if (view !== 'entries' && view !== 'summary') return fail(c, 400, 'request.invalid_query', 'view must be `entries` (every entry whole, the default) or `summary`.');
    const env = c.env as NodeBindings | undefined;
    const fanout = ctx.fanout;
    if (!fanout || !env?.incoming || !env.outgoing) {
      return fail(c, 503, 'events.unavailable', 'Live events are served only by `collegium start` (Node’s HTTP server).');
    }
    const address = clientAddress(env.incoming, ctx.trustProxy ?? false);
    const refusal = fanout.admit(address);
    if (refusal) {
      const seconds = Math.ceil((fanout.options.retryMs * (1 + Math.random())) / 1000);
      c.header('Retry-After', String(seconds));
      return fail(c, 503, refusal.code, refusal.message);
    }
    fanout.open(env.outgoing, address, after ?? -1, view);
    return RESPONSE_ALREADY_SENT;
  });
}
