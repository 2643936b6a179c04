/** Locates the test vectors copied into test/vectors (or $COLLEGIUM_VECTORS) and decodes base64. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBase64 } from '../../src/record/index.js';

export const VECTORS_DIR: string = process.env['COLLEGIUM_VECTORS'] ?? fileURLToPath(new URL('../vectors/', import.meta.url));

export function vectorPath(...parts: string[]): string {
  return join(VECTORS_DIR, ...parts);
}

export function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(vectorPath(...parts), 'utf8'));
}

export function listVectors(dir: string): string[] {
  return readdirSync(vectorPath(dir)).filter((f) => f.endsWith('.json')).sort();
}

export function b64(s: string): Uint8Array {
  const out = decodeBase64(s);
  if (out === null) throw new Error(`bad base64 in test vector: ${s}`);
  return out;
}
