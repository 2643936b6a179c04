// Starting a worker thread on one of our modules. Built, modules are plain JavaScript. From
// source they are TypeScript, and on Node 20 a worker's `--import tsx` does not yet apply to
// its own entry module, so a two-line bootstrap registers tsx's loader (as bin/collegium.js
// does) and then imports the module.
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Starts a worker thread on a module of ours, from its built .js or (under tsx) its .ts source, with the given heap and stack limits if any. */
export function startWorker(moduleUrl: URL, options: { resourceLimits?: ResourceLimits; workerData?: unknown } = {}): Worker {
  if (!moduleUrl.href.endsWith('.ts')) return new Worker(moduleUrl, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The URL of a sibling module, with the extension this module itself was loaded with. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
