// The web app (web/, built by `npm run build:web` into dist/web): index.html at `/` and for
// every other path that is not the API (the app routes on the client), the built files as
// they are. Vite names its assets by their content hash, so those may be cached for good;
// index.html must be fetched again each time, so that a new build is picked up at once.
// Every answer carries the headers that keep the app from being changed or framed in the
// browser (W3C Content Security Policy Level 3, RFC 7034 X-Frame-Options, Fetch's nosniff,
// W3C Referrer Policy): scripts, styles and connections only from this server, no inline
// script but the import map whose hash the policy names (release-plugin.ts writes it with the
// assets' Subresource Integrity), WebAssembly compiled only by the app's own code (libsodium),
// and no page may frame the app (clickjacking a vote). release.json (the build's hashes) is
// served like any built file, at /release.json.
import { createHash } from 'node:crypto';
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

/** The policy's directives but script-src, which gets the inline import map's hash added per page. */
const POLICY = [
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** The CSP source expressions ('sha256-…') of the inline scripts of a page: the import map, and nothing an attacker could add without changing index.html. */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(m[1]!)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2]!).digest('base64')}'`);
  }
  return hashes;
}

/** The Content-Security-Policy of the web app's pages, allowing the inline scripts of `html` (the import map) by their hashes. */
export function contentSecurityPolicy(html: string): string {
  return [`script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(' ')}`.trimEnd(), ...POLICY].join('; ');
}

/** Sets the headers every answer of the web app carries: no framing, no sniffing, no referrer. */
function protect(c: Context): void {
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
}

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
    const bytes = await readFile(file);
    protect(c);
    c.header('Content-Type', type);
    c.header('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    if (type.startsWith('text/html')) c.header('Content-Security-Policy', contentSecurityPolicy(bytes.toString('utf8')));
    return c.body(new Uint8Array(bytes));
  }
  protect(c);
  if (path.startsWith('/assets/')) return c.text('Not found', 404);
  const html = await readFile(index);
  c.header('Content-Type', TYPES['.html']!);
  c.header('Cache-Control', 'no-cache');
  c.header('Content-Security-Policy', contentSecurityPolicy(html.toString('utf8')));
  return c.body(new Uint8Array(html));
}
