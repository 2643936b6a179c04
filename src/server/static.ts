// The web app (web/, built by `npm run build:web` into dist/web): index.html at `/` and for
// every other path that is not the API (the app routes on the client), the built files as
// they are. Vite names its assets by their content hash, so those may be cached for good;
// index.html must be fetched again each time, so that a new build is picked up at once.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/** Where `npm run build:web` puts the app: dist/web at the package's root. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answers a GET for the web app from `dir`, or null when the app is not built there. A path
 * naming a built file gets that file; a missing file under /assets/ is a 404; anything else
 * gets index.html (the client routes it).
 */
export async function serveWebApp(c: Context, dir: string): Promise<Response | null> {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) return null;
  let path: string;
  try {
    path = decodeURIComponent(c.req.path);
  } catch {
    path = '/';
  }
  const file = resolve(root, '.' + path);
  if (path !== '/' && (file === root || file.startsWith(root + sep)) && !path.includes('\0') && (await isFile(file))) {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    c.header('Content-Type', type);
    c.header('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    if (type.startsWith('text/html')) c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(await readFile(file)));
  }
  if (path.startsWith('/assets/')) return c.text('Not found', 404);
  c.header('Content-Type', TYPES['.html']!);
  c.header('Cache-Control', 'no-cache');
  return c.body(new Uint8Array(await readFile(index)));
}
