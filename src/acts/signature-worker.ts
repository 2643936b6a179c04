// A worker thread that checks acts' envelopes and signatures for the server's sequencer. An
// act comes as its JSON text or as the parsed object. Each act is checked under its own catch:
// an act whose check throws (say, nesting deep enough to overflow a recursive walk) is answered
// "not signed", and the rest of its batch is answered as usual.
import { parentPort } from 'node:worker_threads';
import { checkOne } from './signature-checker.js';

if (!parentPort) throw new Error('signature-worker runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; acts: unknown[] }) => {
  const ok = new Uint8Array(message.acts.length);
  message.acts.forEach((item, i) => {
    try {
      ok[i] = checkOne(typeof item === 'string' ? JSON.parse(item) : item) ? 1 : 0;
    } catch {
      ok[i] = 0; // not JSON, or a check that threw: not a well-signed act
    }
  });
  port.postMessage({ id: message.id, ok }, [ok.buffer]);
});
