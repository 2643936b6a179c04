// The HTTP API (DESIGN.md "Public surfaces"), on web-standard Request/Response so that it runs
// under Node's server, in tests through app.request() and on any other runtime Hono supports.
import { Hono, type Context } from 'hono';
import type { AppContext } from './context.js';
import { fail } from './http.js';
import { requestLogger } from './logger.js';
import { openApiDocument } from './openapi.js';
import { PublicAnswers } from './public-answers.js';
import { RateLimits } from './rate-limits.js';
import { actRoutes } from './routes-acts.js';
import { congressRoutes } from './routes-congress.js';
import { federationRoutes } from './routes-federation.js';
import { documentRoutes } from './routes-documents.js';
import { eventRoutes } from './routes-events.js';
import { minutesRoutes } from './routes-minutes.js';
import { readRoutes } from './routes-read.js';
import { recordRoutes } from './routes-record.js';
import { safeguardRoutes } from './routes-safeguards.js';
import { secretRoutes } from './routes-secret.js';
import { reportRoutes } from './routes-reports.js';
import { Issuer } from '../governance/reports/issuer.js';
import { issuerSeedFrom } from '../governance/reports/tokens.js';
import { DEFAULT_WEB_DIR, serveWebApp } from './static.js';

export type { AppContext } from './context.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The API over `given`; without rate limits of its own it counts in memory with the defaults. */
export function createApp(given: Omit<AppContext, 'limits'> & { limits?: RateLimits }): Hono {
  const ctx: AppContext = { ...given, limits: given.limits ?? RateLimits.inMemory(), issuer: given.issuer ?? new Issuer(issuerSeedFrom(given.logKey.signerKey)), answers: given.answers ?? new PublicAnswers() };
  const app = new Hono();
  app.use('*', requestLogger(ctx.log));

  actRoutes(app, ctx);
  recordRoutes(app, ctx);
  eventRoutes(app, ctx);
  readRoutes(app, ctx);
  safeguardRoutes(app, ctx);
  secretRoutes(app, ctx);
  congressRoutes(app, ctx);
  federationRoutes(app, ctx);
  documentRoutes(app, ctx);
  minutesRoutes(app, ctx);
  reportRoutes(app, ctx);

  app.get('/api/openapi.json', (c) => c.json(openApiDocument));
  app.get('/healthz', async (c) => c.json({ ok: true, size: await ctx.store.size(), backend: ctx.store.backend }));

  // The page served at `/` when the web app is not built.
  const placeholder = async (c: Context) => {
    const orgRow = await ctx.store.projection('org', 'org');
    const org = orgRow ? (JSON.parse(orgRow) as { name: string; id: string }) : null;
    const size = await ctx.store.size();
    const checkpoint = size > 0 ? (await ctx.store.checkpoint())?.note ?? '' : '';
    const title = org ? `${org.name} — Collegium` : 'Collegium';
    const links = ['/api/org', '/api/constitution', '/api/members', '/api/bodies', '/api/offices', '/api/motions', '/api/elections', '/api/record/checkpoint', '/api/record/entries', '/api/events', '/api/openapi.json']
      .map((href) => `<li><a href="${href}">${href}</a></li>`)
      .join('');
    return c.html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${org ? escapeHtml(org.name) : 'Not founded yet'}</h1>
<p>${org ? `Organization <code>${escapeHtml(org.id)}</code>. ` : 'This server waits for a founding charter signed with its log key. '}The record holds <strong>${size}</strong> ${size === 1 ? 'entry' : 'entries'}.</p>
${checkpoint ? `<h2>Latest checkpoint</h2>\n<pre>${escapeHtml(checkpoint)}</pre>` : ''}
<h2>JSON API</h2>
<ul>${links}</ul>
<p>The web app is not built: run <code>npm run build:web</code>, then reload.</p>
</main>
</body>
</html>`);
  };

  // The web app (see static.ts): `/`, and every other GET that is not the API (the client routes it).
  const webDir = ctx.webDir ?? DEFAULT_WEB_DIR;
  app.get('/', async (c) => (await serveWebApp(c, webDir)) ?? placeholder(c));
  app.notFound(async (c) => {
    const path = c.req.path;
    const api = path === '/api' || path.startsWith('/api/') || path === '/healthz';
    if (!api && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const served = await serveWebApp(c, webDir);
      if (served) return served;
    }
    return fail(c, 404, 'request.not_found', `There is no route ${c.req.method} ${path}.`);
  });
  app.onError((error, c) => {
    ctx.log.error('request failed', { method: c.req.method, path: c.req.path, error: error.message });
    return fail(c, 500, 'server.internal', 'The server failed to answer this request.');
  });
  return app;
}
