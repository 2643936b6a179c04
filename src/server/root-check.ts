// The sequencer's last look before it signs: the root it is about to sign must also be the root
// that the store's hashes give (RFC 9162 §2.1.1 over the tlog stored hashes), so that a Merkle
// hash altered in the database while the server runs is never signed over, and so never served
// in a proof that a signed checkpoint seems to back.
import { encodeBase64, equalHashes, treeHash, type Hash } from '../record/index.js';

/**
 * Resolves if the tree of `size` leaves, read from the stored hashes (those below `batchFrom`
 * through `readStored`, the batch's own from `batch`), has the root `root`; rejects otherwise.
 * It reads O(log size) hashes: those of the complete subtrees the root is built from.
 */
export async function checkRootBeforeSigning(
  root: Hash,
  size: number,
  batchFrom: number,
  batch: readonly Hash[],
  readStored: (indexes: readonly number[]) => Promise<Hash[]>,
): Promise<void> {
  const stored = await treeHash(size, async (indexes) => {
    const old = indexes.filter((i) => i < batchFrom);
    const read = old.length > 0 ? await readStored(old) : [];
    let k = 0;
    return indexes.map((i) => (i < batchFrom ? read[k++]! : batch[i - batchFrom]!));
  });
  if (!equalHashes(stored, root)) {
    throw new Error(
      `the stored Merkle hashes give root ${encodeBase64(stored)} for size ${size}, the appended leaves give ${encodeBase64(root)}: a stored hash was altered; not signing`,
    );
  }
}
