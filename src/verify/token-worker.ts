// A worker thread of `collegium verify` that re-computes redeemed tokens under their period's
// revealed key (tokens.ts): each message is one chunk, answered with the positions of the tokens
// whose output is not the PRF of their input.
import { parentPort } from 'node:worker_threads';
import { forgedTokens } from '../governance/reports/poprf-fast.js';

if (!parentPort) throw new Error('token-worker runs as a worker thread');
const port = parentPort;
port.on('message', (m: { id: number; secretKey: Uint8Array; info: Uint8Array; tokens: { input: Uint8Array; output: Uint8Array }[] }) => {
  try {
    port.postMessage({ id: m.id, forged: forgedTokens(m.secretKey, m.info, m.tokens) });
  } catch (error) {
    port.postMessage({ id: m.id, error: error instanceof Error ? error.message : String(error) });
  }
});
