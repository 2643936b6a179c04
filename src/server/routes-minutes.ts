// Minutes and motion books, made from the log itself (src/minutes), not from the projection
// rows: each decision cites its entry's index and leaf hash, which only a replay of the
// entries knows. One replayed record is kept and brought forward to the latest checkpoint on
// each request (only the new entries are applied), so a request costs a full replay once.
import type { Context, Hono } from 'hono';
import { toHex } from '../acts/encoding.js';
import { sessions } from '../governance/congress/access.js';
import { minutesOf, MinutesError, MinutesRecord, motionBookOf, renderMinutesMarkdown, type Minutes } from '../minutes/index.js';
import { Printer } from './printer.js';
import { parseCheckpoint } from '../record/index.js';
import type { AppContext } from './context.js';
import { fail } from './http.js';
import { signedReads } from './signed-read.js';
import { openSealed, sealedAddresses, unsealDeep } from '../governance/kernel/confidentiality.js';

const PAGE = 1000;

interface Replayed {
  record: MinutesRecord;
  checkpoint: { size: number; rootHash: string };
}

/** The replayed record at the latest checkpoint, one catch-up at a time. */
function replayer(ctx: AppContext): () => Promise<Replayed | null> {
  let record = new MinutesRecord();
  let queue: Promise<unknown> = Promise.resolve();
  const catchUp = async (): Promise<Replayed | null> => {
    const latest = await ctx.store.checkpoint();
    if (!latest || latest.size === 0) return null;
    try {
      while (record.size < latest.size) {
        const entries = await ctx.store.entries(record.size, Math.min(latest.size, record.size + PAGE));
        if (entries.length === 0) throw new Error(`the store has no entry ${record.size}`);
        // The server's own log, appended after every check: replayed as the sequencer replays it.
        for (const e of entries) record.apply({ json: e.json, leafHash: e.leafHash }, { trusted: true });
      }
    } catch (error) {
      // A half-applied batch must not be built upon: start again next time.
      record = new MinutesRecord();
      throw error;
    }
    return { record, checkpoint: { size: latest.size, rootHash: toHex(parseCheckpoint(latest.note).root) } };
  };
  return () => {
    const next = queue.then(catchUp, catchUp);
    queue = next.catch(() => undefined);
    return next;
  };
}

/** Adds the routes of minutes and motion books, made from a replay of the log. */
export function minutesRoutes(app: Hono, ctx: AppContext): void {
  const replayed = replayer(ctx);
  const printer = ctx.printer ?? new Printer();

  const { signer, entitled } = signedReads(ctx);

  /**
   * The minutes of the session in the path, as the reader may see them: a closed session's
   * contents only for a reader whose signed request (signed-read.ts) shows them entitled, hashes
   * for everyone else. A Response when the session is unknown or the signature fails.
   */
  const sessionMinutes = async (c: Context): Promise<{ minutes: Minutes; size: number; public: boolean } | Response> => {
    const r = await replayed();
    if (!r) return fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
    const id = c.req.param('id') ?? '';
    const session = sessions(r.record.state).get(id);
    let mayRead = false;
    if (session?.closed) {
      const who = await signer(c);
      if (who instanceof Response) return who;
      mayRead = who !== null && (await entitled(session, who));
    }
    try {
      const minutes = minutesOf(r.record, { session: id, checkpoint: r.checkpoint, entitled: mayRead });
      if (!mayRead) return { minutes, size: r.checkpoint.size, public: true };
      // An entitled reader gets the sealed texts opened, each checked against its commitment.
      const texts = new Map<string, string>();
      for (const address of sealedAddresses(minutes)) {
        const content = await ctx.store.content(address);
        const text = content ? openSealed(address, content.bytes) : null;
        if (text !== null) texts.set(address, text);
      }
      return { minutes: unsealDeep(minutes, texts), size: r.checkpoint.size, public: false };
    } catch (error) {
      return notFound(c, error);
    }
  };

  const notFound = (c: Context, error: unknown) => {
    if (error instanceof MinutesError) return fail(c, 404, 'read.not_found', error.message);
    throw error;
  };

  app.get('/api/sessions/:id/minutes.md', async (c) => {
    const made = await sessionMinutes(c);
    if (made instanceof Response) return made;
    c.header('Content-Type', 'text/markdown; charset=utf-8');
    c.header('X-Collegium-Size', String(made.size));
    return c.body(renderMinutesMarkdown(made.minutes));
  });

  // The structured minutes the web app's minutes view renders (and the Markdown and PDF show).
  app.get('/api/sessions/:id/minutes.json', async (c) => {
    const made = await sessionMinutes(c);
    if (made instanceof Response) return made;
    c.header('X-Collegium-Size', String(made.size));
    return c.json(made.minutes);
  });

  app.get('/api/sessions/:id/minutes.pdf', async (c) => {
    const made = await sessionMinutes(c);
    if (made instanceof Response) return made;
    // A reader's opened minutes are printed for them alone; the public ones once per tree size.
    const pdf = await printer.print({ kind: 'minutes', minutes: made.minutes }, made.public ? `minutes/${made.minutes.session!.id}/${made.size}` : undefined);
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `inline; filename="minutes-${made.minutes.session!.id}.pdf"`);
    c.header('X-Collegium-Size', String(made.size));
    return c.body(new Uint8Array(pdf));
  });

  app.get('/api/motion-book.pdf', async (c) => {
    const session = c.req.query('session');
    const body = c.req.query('body');
    if ((session === undefined) === (body === undefined)) return fail(c, 400, 'request.invalid_query', 'Give exactly one of session and body.');
    const r = await replayed();
    if (!r) return fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
    let book;
    try {
      book = motionBookOf(r.record, { ...(session !== undefined ? { session } : { body: body! }), checkpoint: r.checkpoint });
    } catch (error) {
      return notFound(c, error);
    }
    const pdf = await printer.print({ kind: 'motion-book', book }, `motion-book/${session ?? ''}/${body ?? ''}/${r.checkpoint.size}`);
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `inline; filename="motion-book-${book.session ?? book.body.id}.pdf"`);
    c.header('X-Collegium-Size', String(r.checkpoint.size));
    return c.body(new Uint8Array(pdf));
  });
}
