// The witness's clock check (docs/BALLOT.md, "What each party can still do about time"): an
// entry carries the time the operator's server gives it, and deadlines (votes, replies,
// appeals, the key ceremony) run on those times. Before cosigning (C2SP tlog-cosignature, whose
// signed timestamp is the witness's own clock), a witness reads the newest entry of the
// checkpoint, proves it is in that tree (RFC 9162 §2.1.3 inclusion proof) and refuses if it is
// dated more than the statute's skew ahead of its own clock — the operator cannot move time
// forward alone. Entry times never go back (the engine refuses `record.out_of_order`), so the
// newest entry is the latest-dated one. It also refuses entries dated before its own previous
// cosignature less the skew: a clock stopped or run back to keep a deadline open.
import { decodeBase64, leafHash, verifyInclusion } from '../record/index.js';
import { witnessClockSkewSeconds } from '../constitution/witness-clock.js';
import type { Constitution } from '../constitution/schema.js';
import { CliError, EXIT, getJson, getText } from './common.js';

/** The largest skew the statute's schema allows: a server claiming more is not believed. */
const MAX_SKEW_SECONDS = 3600;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What the witness learned of the checkpoint's newest entry: its index and time, and the skew it allowed. */
export interface ClockFinding {
  index: number;
  time: string;
  skewSeconds: number;
}

/** The statute's skew as the server reports it, capped by the schema's bound and by the witness's own `--skew`, if smaller. */
export async function skewInForce(server: string, own: number | undefined): Promise<number> {
  const latest = await getJson<{ constitution?: Pick<Constitution, 'clock'> }>(`${server}/api/constitution`);
  const claimed = witnessClockSkewSeconds(latest.constitution);
  const statute = Number.isSafeInteger(claimed) && claimed >= 1 ? Math.min(claimed, MAX_SKEW_SECONDS) : MAX_SKEW_SECONDS;
  return own === undefined ? statute : Math.min(statute, own);
}

/** Reads entry `index` and checks it is the leaf at `index` of the tree of `size` with `root`; returns its time. */
async function provenEntryTime(server: string, index: number, size: number, root: Uint8Array): Promise<string> {
  const text = await getText(`${server}/api/record/entries/${index}`);
  const proof = await getJson<{ proof?: unknown }>(`${server}/api/record/proof/inclusion?index=${index}&treeSize=${size}`);
  const hashes = Array.isArray(proof.proof) ? proof.proof.map((h) => (typeof h === 'string' ? decodeBase64(h) : null)) : [null];
  const included =
    hashes.every((h) => h !== null) &&
    verifyInclusion({ leafHash: leafHash(new TextEncoder().encode(text)), index, treeSize: size, proof: hashes as Uint8Array[], root });
  if (!included) throw new CliError(EXIT.invalid, `entry ${index} as served is not the entry at ${index} of the checkpoint's tree (inclusion proof fails)`);
  let time: unknown;
  try {
    time = (JSON.parse(text) as { time?: unknown }).time;
  } catch {
    time = undefined;
  }
  if (typeof time !== 'string' || !ISO_TIME.test(time) || Number.isNaN(Date.parse(time))) {
    throw new CliError(EXIT.invalid, `entry ${index} carries no valid time (ISO 8601 UTC with milliseconds)`);
  }
  return time;
}

/**
 * Why the checkpoint of `size` with `root` must not be cosigned at `now` (unix seconds) given
 * its entries' times, or null (with what was checked) if it may. `previous` is this witness's
 * last cosignature: its tree size and time.
 */
export async function checkEntryTimes(
  server: string,
  checkpoint: { size: number; root: Uint8Array },
  now: number,
  skewSeconds: number,
  previous: { size: number; cosignedAt?: number } | null,
): Promise<{ refusal: string | null; finding: ClockFinding | null }> {
  if (checkpoint.size === 0) return { refusal: null, finding: null };
  const index = checkpoint.size - 1;
  const time = await provenEntryTime(server, index, checkpoint.size, checkpoint.root);
  const finding = { index, time, skewSeconds };
  const dated = Date.parse(time) / 1000;
  if (dated > now + skewSeconds) {
    const ahead = Math.round(dated - now);
    return {
      refusal: `entry ${index} is dated ${time}, ${ahead} s ahead of this witness's clock (${new Date(now * 1000).toISOString()}); the statute allows ${skewSeconds} s`,
      finding,
    };
  }
  // Entries added since this witness last cosigned were added after that moment; dated much
  // earlier, the server's clock was held back. The first new entry is the earliest-dated one.
  if (previous && previous.cosignedAt !== undefined && checkpoint.size > previous.size) {
    const firstNew = previous.size;
    const firstTime = firstNew === index ? time : await provenEntryTime(server, firstNew, checkpoint.size, checkpoint.root);
    const behind = previous.cosignedAt - Date.parse(firstTime) / 1000;
    if (behind > skewSeconds) {
      return {
        refusal: `entry ${firstNew} is dated ${firstTime}, ${Math.round(behind)} s before this witness cosigned the tree of ${previous.size} entries without it (${new Date(previous.cosignedAt * 1000).toISOString()}); the statute allows ${skewSeconds} s`,
        finding,
      };
    }
  }
  return { refusal: null, finding };
}
