// A worker thread that evaluates members' blinded elements for the issuer (issuance-pool.ts): RFC
// 9497 BlindEvaluateBatch with its DLEQ proof, on libsodium (poprf-fast.ts); and checks such a
// proof (VerifyProof) for a `report.tokens-received` before it reaches the writer. Everything it
// needs comes with each message: the worker keeps nothing between them.
import { parentPort } from 'node:worker_threads';
import { blindEvaluateBatchFast, verifyEvaluation, type FastKey } from '../governance/reports/poprf-fast.js';

if (!parentPort) throw new Error('issuance-worker runs as a worker thread');
const port = parentPort;
type Message =
  | { id: number; kind: 'evaluate'; key: FastKey; blinded: Uint8Array[] }
  | { id: number; kind: 'verify'; publicKey: Uint8Array; info: Uint8Array; blinded: Uint8Array[]; evaluated: Uint8Array[]; proof: Uint8Array };

port.on('message', (message: Message) => {
  try {
    if (message.kind === 'verify') {
      port.postMessage({ id: message.id, valid: verifyEvaluation(message.publicKey, message.info, message.blinded, message.evaluated, message.proof) });
      return;
    }
    const { evaluated, proof } = blindEvaluateBatchFast(message.key, message.blinded);
    port.postMessage({ id: message.id, evaluated, proof });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
