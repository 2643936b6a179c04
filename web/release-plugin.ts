// A Vite build step of our own that makes the built web app checkable by the people who run
// it. It writes Subresource Integrity (W3C SRI, https://www.w3.org/TR/SRI/) on every script and
// stylesheet the built index.html loads, and an import map whose `integrity` section (WHATWG
// HTML, import maps) names the hash of every script of the build, so that the chunks loaded
// later (import()) are checked too: a browser refuses an asset changed after the build. It
// also writes release.json, the SHA-256 of every file of the build, which the server
// serves at /release.json so that a delegate can compare the app they run with a release the
// organization adopted (a software.release act carries the SHA-256 of release.json).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The file of the build's hashes, at the root of the output directory. */
export const RELEASE_FILE = 'release.json';

/** The shape of release.json: every file of the build by its path from the root, with its SHA-256 in hex. */
export interface Release {
  algorithm: 'sha256';
  files: Record<string, string>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** The SRI metadata of some bytes: SHA-384, the algorithm SRI's authors recommend. */
export function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * Adds `integrity` to each `<script src>` and `<link href>` (stylesheet, modulepreload) of the
 * html that names a file of the build; a tag naming a file the build lacks is an error, as the
 * browser would refuse it anyway.
 */
export function addIntegrity(html: string, outDir: string): string {
  return html.replace(/<(script|link)\b([^>]*?)\s(src|href)="(\/[^"]+)"([^>]*)>/g, (tag, name: string, before: string, attr: string, url: string, after: string) => {
    if (/\sintegrity=/.test(tag)) return tag;
    if (name === 'link' && !/\srel="(stylesheet|modulepreload)"/.test(tag)) return tag;
    const bytes = readFileSync(join(outDir, ...url.slice(1).split('/')));
    return `<${name}${before} ${attr}="${url}" integrity="${integrityOf(bytes)}"${after}>`;
  });
}

/**
 * Puts before the html's first script an import map giving the SRI of every JavaScript file
 * of the build, by its URL path; the server's CSP allows this inline script by its hash.
 */
export function addImportMap(html: string, outDir: string): string {
  const integrity: Record<string, string> = {};
  for (const path of filesUnder(outDir).sort()) {
    if (!path.endsWith('.js')) continue;
    integrity['/' + relative(outDir, path).split(sep).join('/')] = integrityOf(readFileSync(path));
  }
  const map = `<script type="importmap">${JSON.stringify({ integrity })}</script>\n    `;
  const at = html.search(/<script\b/);
  if (at < 0) throw new Error('index.html has no script to put the import map before');
  return html.slice(0, at) + map + html.slice(at);
}

/** The Vite plugin: after the build is written, SRI and the import map in index.html, then release.json over every file. */
export function releasePlugin(): Plugin {
  return {
    name: 'collegium-release',
    apply: 'build',
    enforce: 'post',
    writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) throw new Error('collegium-release needs the build to write to a directory');
      const index = join(outDir, 'index.html');
      writeFileSync(index, addImportMap(addIntegrity(readFileSync(index, 'utf8'), outDir), outDir));
      const files: Record<string, string> = {};
      for (const path of filesUnder(outDir).sort()) {
        const name = relative(outDir, path).split(sep).join('/');
        if (name === RELEASE_FILE) continue;
        files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
      writeFileSync(join(outDir, RELEASE_FILE), JSON.stringify({ algorithm: 'sha256', files } satisfies Release, null, 2) + '\n');
    },
  };
}
