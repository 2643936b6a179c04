// The checkpoint against the entries: same size and root, signed by the log key the founders
// put in the genesis, and cosigned (if at all) validly by the witnesses the record names.
// The note is a C2SP signed-note carrying a C2SP tlog-checkpoint; cosignatures are C2SP
// tlog-cosignature lines over it.
import type { State } from '../governance/kernel/state.js';
import { encodeBase64, equalHashes, newVerifier, newWitnessVerifier, parseCheckpoint, verifyCheckpoint, verifyCosignature, type Frontier } from '../record/index.js';
import { EXIT, invalid, VerifyFailure } from './report.js';

/** What the checkpoint check established: the log's origin, the tree size, and the witnesses' cosignatures found valid or not. */
export interface CheckpointFindings {
  origin: string;
  size: number;
  witnesses: { valid: number; invalid: number; names: string[] };
}

function keyName(verifierKey: string): string {
  return verifierKey.split('+')[0] ?? verifierKey;
}

/**
 * `server` (the size it reported) when the record comes from a server: a validly signed
 * checkpoint whose root is not the served entries' root is two histories from one server
 * (exit 5); in an export file it is just an invalid record (exit 4).
 */
export function checkCheckpoint(note: string, frontier: Frontier, state: State, server: { size: number } | null): CheckpointFindings {
  const fromServer = server !== null;
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    checkpoint = parseCheckpoint(note);
  } catch (error) {
    throw invalid(`the checkpoint is malformed: ${(error as Error).message}`, { code: 'record.bad_checkpoint' });
  }
  if (server && checkpoint.size !== server.size) {
    throw new VerifyFailure(EXIT.fork, {
      code: 'record.inconsistent',
      message: `the server reported its state at ${server.size} entries but gave a checkpoint of ${checkpoint.size}`,
    });
  }
  const org = state.org;
  if (!org) throw invalid('the record has no founding charter, so no log key to check the checkpoint with', { code: 'record.not_founded' });
  const signed = verifyCheckpoint(note, [org.log.verifierKey]);
  const root = frontier.root();
  if (checkpoint.size !== frontier.size || !equalHashes(checkpoint.root, root)) {
    const told = `the checkpoint says ${checkpoint.size} entries with root ${encodeBase64(checkpoint.root)}, the entries give ${frontier.size} with root ${encodeBase64(root)}`;
    if (fromServer && signed) {
      throw new VerifyFailure(EXIT.fork, {
        code: 'record.fork',
        message: `the checkpoint's root does not match the entries: ${told}; the log key signed that checkpoint, so the server has shown two histories`,
      });
    }
    throw invalid(`the checkpoint's root does not match the entries: ${told}${signed ? '' : ' (and its signature does not verify)'}`, { code: 'record.root_mismatch' });
  }
  if (!signed) {
    throw invalid(`the checkpoint is not signed by the log key the founders named in the charter (${keyName(org.log.verifierKey)})`, { code: 'record.bad_checkpoint_signature' });
  }

  const witnesses = { valid: 0, invalid: 0, names: [] as string[] };
  const logKeyHash = newVerifier(org.log.verifierKey).keyHash;
  for (const sig of checkpoint.signatures) {
    if (sig.name === checkpoint.origin && sig.keyHash === logKeyHash) continue;
    for (const key of org.witnesses) {
      let verifier;
      try {
        verifier = newWitnessVerifier(key);
      } catch {
        continue; // not a cosignature key: it cannot have cosigned
      }
      if (verifier.name !== sig.name || verifier.keyHash !== sig.keyHash >>> 0) continue;
      if (verifyCosignature(note, sig, key).ok) {
        witnesses.valid++;
        witnesses.names.push(sig.name);
      } else {
        witnesses.invalid++;
        throw invalid(`the cosignature of witness ${sig.name} on the checkpoint does not verify`, { code: 'record.bad_cosignature' });
      }
    }
  }
  return { origin: checkpoint.origin, size: checkpoint.size, witnesses };
}
