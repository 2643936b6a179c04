// Read models, served from the store's projection rows: the cache that `collegium rebuild`
// repairs and `collegium verify` compares, not this process's in-memory engine, so that every
// API process answers the same thing from the same database.
import type { Hono } from 'hono';
import type { BodyState, KeyRecord, Member, Motion } from '../governance/kernel/state.js';
import type { Enrollment, KeyApplication } from '../governance/membership.js';
import type { AppContext } from './context.js';
import { fail, jsonText, notFound, projectionReader } from './http.js';
import { PublicAnswers } from './public-answers.js';
import { limitAddress } from './request-limits.js';

type Row = Record<string, unknown>;

/** Every status a motion has (all of Motion['status'], or this does not compile). */
const MOTION_STATUSES: ReadonlySet<string> = new Set(Object.keys({ proposed: 1, voting: 1, adopted: 1, rejected: 1, withdrawn: 1 } satisfies Record<Motion['status'], 1>));

/** Adds the read models' routes, served from projection rows. */
export function readRoutes(app: Hono, ctx: AppContext): void {
  const { store } = ctx;

  const { one, all } = projectionReader(store);
  // Read before the rows, so asOf never claims more than the rows reflect.
  const asOf = () => store.size();

  // Whole lists and the state are functions of the record at a size: made once per size
  // (public-answers.ts), however many ask.
  const answers = ctx.answers ?? new PublicAnswers();
  /** The rows of `kind` by their `member`, in the store's order, once per size. */
  const byMember = <T extends { member: string }>(kind: string, size: number) =>
    answers.answer(`${kind} by member`, size, async () => {
      const rows = new Map<string, T[]>();
      for (const row of await all<T>(kind)) {
        const ofMember = rows.get(row.member);
        if (ofMember) ofMember.push(row);
        else rows.set(row.member, [row]);
      }
      return rows;
    });
  const list = (path: string, kind: string) =>
    app.get(path, async (c) => {
      const size = await asOf();
      return jsonText(c, await answers.answer(path, size, async () => JSON.stringify({ items: await all(kind), asOf: size })));
    });
  const item = (path: string, kind: string, what: string) =>
    app.get(path, async (c) => {
      const size = await asOf();
      const id = c.req.param('id') ?? '';
      const row = await one(kind, id);
      return row ? c.json({ ...row, asOf: size }) : notFound(c, what, id);
    });

  app.get('/api/org', async (c) => {
    const size = await asOf();
    const org = await one('org', 'org');
    return org ? c.json({ ...org, asOf: size }) : fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
  });

  app.get('/api/constitution', async (c) => {
    const size = await asOf();
    const versions = (await all<{ version: number; adoptedAt: string; by: string }>('constitutions')).sort((a, b) => a.version - b.version);
    const latest = versions.at(-1);
    if (!latest) return fail(c, 404, 'read.not_found', 'The organization is not founded yet.');
    return c.json({ ...latest, versions: versions.map(({ version, adoptedAt, by }) => ({ version, adoptedAt, by })), asOf: size });
  });
  app.get('/api/constitution/:version', async (c) => {
    const size = await asOf();
    const version = c.req.param('version');
    const row = /^\d{1,9}$/.test(version) ? await one('constitutions', String(Number(version))) : null;
    return row ? c.json({ ...row, asOf: size }) : notFound(c, 'constitution version', version);
  });

  list('/api/members', 'members');
  app.get('/api/members/:id', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const member = await one<Member>('members', id);
    if (!member) return notFound(c, 'member', id);
    // Keys and applications are kept by member, made once per size: not every key walked per request.
    const keys = (await byMember<KeyRecord>('keys', size)).get(id) ?? [];
    // Their applications for a new key (a lost device, a contest) and their enrollment open to contest, if any.
    const keyApplications = [...((await byMember<KeyApplication>('key-applications', size)).get(id) ?? [])].sort((a, b) => a.index - b.index);
    const enrollment = await one<Enrollment>('enrollments', id);
    return c.json({ ...member, keys, keyApplications, enrollment: enrollment ?? null, asOf: size });
  });
  list('/api/keys', 'keys');

  list('/api/bodies', 'bodies');
  app.get('/api/bodies/:id', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const body = await one<BodyState>('bodies', id);
    if (!body) return notFound(c, 'body', id);
    // Seats carry their terms, so who sits now is a function of the time; only active members count.
    const now = ctx.sequencer.clock().toISOString();
    const active = await answers.answer('active members', size, async () => new Set((await all<Member>('members')).filter((m) => m.status === 'active').map((m) => m.id)));
    const members = [...new Set(body.seats.filter((s) => s.since <= now && now < s.until && active.has(s.member)).map((s) => s.member))].sort();
    return c.json({ ...body, members, asOf: size });
  });

  list('/api/offices', 'offices');
  item('/api/offices/:id', 'offices', 'office');

  app.get('/api/motions', async (c) => {
    const size = await asOf();
    const status = c.req.query('status');
    const body = c.req.query('body');
    // A filter nothing can match (a status no motion has, a body there is not) has nothing to
    // walk, and makes no answer to keep: made-up filters cannot crowd out the kept ones.
    if ((status && !MOTION_STATUSES.has(status)) || (body && (await store.projection('bodies', body)) === null)) return c.json({ items: [], asOf: size });
    const question = `/api/motions?${JSON.stringify([status ?? '', body ?? ''])}`;
    return jsonText(
      c,
      await answers.answer(question, size, async () => {
        const items = (await all<Motion>('motions')).filter((m) => (!status || m.status === status) && (!body || m.body === body)).sort((a, b) => a.index - b.index);
        return JSON.stringify({ items, asOf: size });
      }),
    );
  });
  app.get('/api/motions/:id', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const motion = await one<Motion>('motions', id);
    if (!motion) return notFound(c, 'motion', id);
    // Its own ballots only (ids `<motion>/<member>`), not every ballot of every motion.
    const ballots = (await all<Row>('ballots', `${id}/`)).filter((b) => b.motion === id);
    return c.json({ ...motion, ballots, electorate: await one('electorates', id), asOf: size });
  });

  list('/api/elections', 'elections');
  // The builds of the web app the organization adopted (software.release, statute §10.6 of the model).
  list('/api/releases', 'releases');
  app.get('/api/elections/:id', async (c) => {
    const size = await asOf();
    const id = c.req.param('id');
    const election = await one('elections', id);
    if (!election) return notFound(c, 'election', id);
    // Its own ballots only (ids `<election>/[<round>/]<member>`).
    const ballots = (await all<Row>('election-ballots', `${id}/`)).filter((b) => b.election === id);
    return c.json({ ...election, ballots, electorate: await one('electorates', id), asOf: size });
  });

  // Every projection row, parsed and written again: the heaviest of the lists. The snapshot may
  // be of a later size than the one asked at, never of an earlier one. `?fresh=1` reads the rows
  // again past the answer kept for the size: a row edited on the disk since would otherwise stay
  // hidden behind the kept answer until the record grows, while the routes of single rows already
  // serve it, so `collegium verify` asks it fresh (within an allowance per address).
  app.get('/api/state', async (c) => {
    const read = async (): Promise<string> => {
      const snapshot = await store.snapshot();
      return JSON.stringify({ size: snapshot.size, rows: snapshot.rows.map((r) => ({ kind: r.kind, id: r.id, body: JSON.parse(r.body) as unknown })) });
    };
    const fresh = c.req.query('fresh');
    if (fresh !== undefined) {
      if (fresh !== '1') return fail(c, 400, 'request.invalid_query', 'fresh takes the value 1 (read every row again).');
      const flooding = await limitAddress(ctx, c, 'state.address');
      if (flooding) return flooding;
      return jsonText(c, await read());
    }
    return jsonText(c, await answers.answer('/api/state', await asOf(), read));
  });
}
