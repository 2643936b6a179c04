// Reads a ballot file in the .blt format (David Hill's format, used by ERS, OpenSTV, droop):
// "<candidates> <seats>", then lines "<count> <pref> <pref> … 0", a lone "0", the quoted
// candidate names, and the quoted title.
import { readFileSync } from 'node:fs';
import type { RankedBallot } from '../../src/governance/counting/index.js';

export interface Blt {
  seats: number;
  candidates: string[];
  ballots: RankedBallot[];
  title: string;
}

export function readBlt(path: string): Blt {
  const lines = readFileSync(new URL(path, import.meta.url), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const [nc, seats] = lines[0]!.split(/\s+/).map(Number) as [number, number];
  const raw: number[][] = [];
  let i = 1;
  for (; lines[i] !== '0'; i++) raw.push(lines[i]!.split(/\s+/).map(Number));
  i++;
  const candidates = lines.slice(i, i + nc).map((l) => JSON.parse(l) as string);
  const title = JSON.parse(lines[i + nc]!) as string;
  const ballots = raw.map(([count, ...prefs]) => ({ count: count!, ranking: prefs.filter((p) => p !== 0).map((p) => candidates[p - 1]!) }));
  return { seats, candidates, ballots, title };
}
