// Read models of secret votes (docs/BALLOT.md), from the store's projection rows like every
// other read model: the votes, and one vote with its ballots (ciphertexts, trackers, the
// superseded ones) and its frozen electorate. None of it holds a voter's choice in clear.
// Mounted by app.ts: `secretRoutes(app, ctx);`.
import type { Hono } from 'hono';
import type { SecretBallotRow, SecretVote } from '../governance/secret-ballot/model.js';
import type { AppContext } from './context.js';
import { fail } from './http.js';

/** Adds the read routes of secret votes, served from projection rows. */
export function secretRoutes(app: Hono, ctx: AppContext): void {
  const { store } = ctx;

  app.get('/api/secret-votes', async (c) => {
    const size = await store.size();
    const items = (await store.projections('secret-votes'))
      .map((r) => JSON.parse(r.body) as SecretVote)
      .sort((a, b) => a.index - b.index)
      // The list leaves out the bulky ceremony transcript and tally; GET /api/secret-votes/:id has them.
      .map(({ dealings: _d, complaintAnswers: _a, decryptions: _p, tally, ...rest }) => ({ ...rest, ...(tally ? { counted: tally.counted } : {}) }));
    return c.json({ items, asOf: size });
  });

  app.get('/api/secret-votes/:id', async (c) => {
    const size = await store.size();
    const id = c.req.param('id');
    const body = await store.projection('secret-votes', id);
    if (body === null) return fail(c, 404, 'read.not_found', `There is no secret vote "${id}".`);
    const ballots = (await store.projections('secret-ballots'))
      .map((r) => JSON.parse(r.body) as SecretBallotRow)
      .filter((b) => b.vote === id)
      .sort((a, b) => a.index - b.index);
    const electorate = await store.projection('electorates', id);
    return c.json({ ...(JSON.parse(body) as SecretVote), ballots, electorate: electorate === null ? null : JSON.parse(electorate), asOf: size });
  });
}
