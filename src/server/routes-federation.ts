// The federation's read routes (docs/CONGRESS.md, "Federation"): the tree of units with members
// per unit, one unit with its roster and transfers, a member's own unit and history, and each
// conference's apportionment table. They read this process's replay of the record (the
// sequencer's state), like the reports' routes.
import type { Hono } from 'hono';
import { apportionmentTable, conferenceTables, memberUnit, unitDetail, unitTree } from '../governance/federation/read.js';
import type { AppContext } from './context.js';
import { notFound } from './http.js';

/** Adds the federation's read routes. */
export function federationRoutes(app: Hono, ctx: AppContext): void {
  const state = () => ctx.sequencer.engine.state;

  app.get('/api/units', (c) => c.json({ items: unitTree(state()), asOf: state().size }));

  app.get('/api/units/:id', (c) => {
    const id = c.req.param('id');
    const unit = unitDetail(state(), id);
    return unit ? c.json({ ...unit, asOf: state().size }) : notFound(c, 'unit', id);
  });

  app.get('/api/members/:id/unit', (c) => {
    const id = c.req.param('id');
    const found = memberUnit(state(), id);
    return found ? c.json({ ...found, asOf: state().size }) : notFound(c, 'member', id);
  });

  app.get('/api/conferences', (c) => c.json({ items: conferenceTables(state()), asOf: state().size }));

  app.get('/api/conferences/:id/apportionment', (c) => {
    const id = c.req.param('id');
    const table = apportionmentTable(state(), id);
    return table ? c.json({ ...table, asOf: state().size }) : notFound(c, 'conference', id);
  });
}
