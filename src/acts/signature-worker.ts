// A worker thread that checks acts' envelopes and signatures for the server's sequencer. An
// act comes as its JSON text or as the parsed object.
import { parentPort } from 'node:worker_threads';
import { envelopeSchema, type Act } from './envelope.js';
import { verifyActSignatures } from './keys.js';

if (!parentPort) throw new Error('signature-worker runs as a worker thread');
const port = parentPort;
port.on('message', (message: { id: number; acts: unknown[] }) => {
  const ok = new Uint8Array(message.acts.length);
  message.acts.forEach((item, i) => {
    let raw: unknown = item;
    if (typeof item === 'string') {
      try {
        raw = JSON.parse(item);
      } catch {
        return; // not JSON: not a signed act (the server has answered it already)
      }
    }
    const parsed = envelopeSchema.safeParse(raw);
    ok[i] = parsed.success && verifyActSignatures(parsed.data as Act) ? 1 : 0;
  });
  port.postMessage({ id: message.id, ok }, [ok.buffer]);
});
