// A worker thread that evaluates members' blinded elements for the issuer (issuance-pool.ts): RFC
// 9497 BlindEvaluateBatch with its DLEQ proof, on libsodium (poprf-fast.ts). The period's key
// comes with each request: the worker keeps nothing between them.
import { parentPort } from 'node:worker_threads';
import { blindEvaluateBatchFast, type FastKey } from '../governance/reports/poprf-fast.js';

if (!parentPort) throw new Error('issuance-worker runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; key: FastKey; blinded: Uint8Array[] }) => {
  try {
    const { evaluated, proof } = blindEvaluateBatchFast(message.key, message.blinded);
    port.postMessage({ id: message.id, evaluated, proof });
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
