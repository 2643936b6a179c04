// The hall for bench/overload.ts: thousands of live SSE clients in one process, on raw sockets
// so that a client costs a socket and a few numbers. Usage, from bench/overload.ts only:
//   node --import tsx bench/overload-clients.ts URL COUNT AFTER VIEW
// Each client asks GET /api/events?after=AFTER&view=VIEW (`summary`, as the web app's phones and
// screens do, or `entries`) and remembers the last entry id it received (a summary's id is the
// last entry it covers).
// The process counts its open clients by last id, so it knows, the moment it happens, when every
// open client has received an entry (the minimum over clients moves past it), which is what "the
// last client's receipt" means; no work per client beyond its own reads. Over IPC it answers
// "state" with {opened, refused, closed, min} and "report" with those times.
import { connect, type Socket } from 'node:net';

const [url, countText, afterText, view = 'summary'] = process.argv.slice(2);
if (!url || !countText || !afterText || !process.send || (view !== 'summary' && view !== 'entries')) {
  process.stderr.write('usage: node --import tsx bench/overload-clients.ts URL COUNT AFTER [summary|entries] (spawned with an IPC channel)\n');
  process.exit(1);
}
const target = new URL(url);
const count = Number(countText);
const after = Number(afterText);
const ID = Buffer.from('\nid: ');
const OPENING_AT_ONCE = 256;

interface Client {
  socket: Socket;
  /** The status line was read (200), or the stream was refused. */
  answered: boolean;
  last: number;
  closed: boolean;
  /** Digits of an id cut by the end of the previous chunk. */
  carry: number | null;
}

const clients: Client[] = [];
let opened = 0;
let refused = 0;
let closed = 0;
let answered = 0;
/** The time (epoch ms) at which every open client had each entry, by index − after − 1. */
const reachedAt: number[] = [];
let min = after;

const now = (): number => performance.timeOrigin + performance.now();

/**
 * The last whole id in a chunk (entries come whole and in order, so the last one names them
 * all). An id whose digits the chunk cuts is carried to the next chunk in `client.carry`.
 */
function lastId(client: Client, chunk: Buffer): number {
  let best = -1;
  let start = 0;
  if (client.carry !== null) {
    let n = client.carry;
    while (start < chunk.length && chunk[start]! >= 48 && chunk[start]! <= 57) n = n * 10 + (chunk[start++]! - 48);
    if (start < chunk.length) {
      client.carry = null;
      best = n;
    } else client.carry = n;
  }
  let at = chunk.lastIndexOf(ID);
  while (at >= start) {
    let n = 0;
    let i = at + ID.length;
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (i < chunk.length) return Math.max(best, n);
    client.carry = n; // cut at the chunk's end
    at = at > 0 ? chunk.lastIndexOf(ID, at - 1) : -1;
  }
  return best;
}

function open(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    const client: Client = { socket, answered: false, last: after, closed: false, carry: null };
    clients.push(client);
    at.set(after, (at.get(after) ?? 0) + 1);
    let settled = false;
    const settle = (): void => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(`GET /api/events?after=${after}&view=${view} HTTP/1.1\r\nHost: ${target.host}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      if (!client.answered) {
        client.answered = true;
        answered++;
        if (chunk.subarray(0, 12).toString('latin1') === 'HTTP/1.1 200') opened++;
        else {
          refused++;
          socket.destroy();
        }
        settle();
      }
      const id = lastId(client, chunk);
      if (id > client.last && !client.closed) {
        leave(client.last);
        client.last = id;
        at.set(id, (at.get(id) ?? 0) + 1);
        advance();
      }
    });
    const end = (): void => {
      if (!client.closed) {
        client.closed = true;
        closed++;
        leave(client.last);
        advance();
      }
      settle();
    };
    socket.on('error', end);
    socket.on('close', end);
  });
}

/** How many open clients have each id as their last. */
const at = new Map<number, number>();
function leave(id: number): void {
  const n = (at.get(id) ?? 1) - 1;
  if (n > 0) at.set(id, n);
  else at.delete(id);
}
/** Moves `min` up to the lowest last id of an open client, noting when each entry passed reached them all. */
function advance(): void {
  if (at.has(min) || at.size === 0) return;
  let m = min;
  while (!at.has(m)) m++;
  const t = now();
  for (let i = min + 1; i <= m; i++) reachedAt[i - after - 1] = t;
  min = m;
}

process.on('message', (m) => {
  if (m === 'state') process.send!({ state: { opened, refused, closed, answered, min } });
  if (m === 'report') process.send!({ report: { after, reachedAt } });
  if (m === 'stop') {
    for (const c of clients) c.socket.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));

// Open them a few hundred at a time, as a hall fills.
let next = 0;
await Promise.all(
  Array.from({ length: OPENING_AT_ONCE }, async () => {
    while (next < count) {
      next++;
      await open();
    }
  }),
);
process.send({ state: { opened, refused, closed, answered, min } });
