// GET /api/events: every entry of the log, live, over server-sent events. A client resumes with
// Last-Event-ID (or ?after=N) and gets every entry after that index, then live ones. Growth is
// signalled by the store (whichever process appended), and entries are always read back from
// the store, so the catch-up and the live phase are one loop: subscribe first, then send
// everything after the last index sent, then wait for the next signal. Nothing is missed (the
// subscription predates the first read) and nothing is sent twice (the loop tracks `last`).
// The stream follows the WHATWG HTML standard's "Server-sent events" (event ids, Last-Event-ID).
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from './context.js';
import { fail, queryInt } from './http.js';

const PING_MS = 15_000;
const CHUNK = 1000;

/** Adds GET /api/events, the log's entries as server-sent events, resumable by index. */
export function eventRoutes(app: Hono, ctx: AppContext): void {
  app.get('/api/events', (c) => {
    const resume = c.req.header('last-event-id') ?? c.req.query('after');
    const after = queryInt(resume);
    if (after === null) return fail(c, 400, 'request.invalid_query', 'Last-Event-ID / after must be an entry index.');
    c.header('Cache-Control', 'no-cache');
    c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
    return streamSSE(c, async (stream) => {
      let last = after ?? -1;
      let known = 0;
      let wake: (() => void) | null = null;
      const unsubscribe = ctx.store.subscribe((size) => {
        known = Math.max(known, size);
        wake?.();
      });
      stream.onAbort(() => wake?.());
      try {
        known = Math.max(known, await ctx.store.size());
        while (!stream.aborted && !stream.closed) {
          while (last + 1 < known && !stream.aborted) {
            const chunk = await ctx.store.entries(last + 1, Math.min(known, last + 1 + CHUNK));
            if (chunk.length === 0) break;
            for (const entry of chunk) {
              if (entry.index !== last + 1) throw new Error(`the store returned entry ${entry.index} where ${last + 1} belongs`);
              await stream.writeSSE({ event: 'entry', id: String(entry.index), data: entry.json });
              last = entry.index;
            }
          }
          if (stream.aborted) break;
          // No await between this check and arming `wake`, so a signal cannot slip in between.
          if (last + 1 < known) continue;
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), PING_MS);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = null;
          if (!woken && !stream.aborted) await stream.write(': ping\n\n');
        }
      } finally {
        unsubscribe();
      }
    }, async (error) => {
      ctx.log.warn('event stream failed', { error: error.message });
    });
  });
}
