// A full hall must not hold the event loop through a whole broadcast: an act crosses the loop
// several times before it is answered, and a broadcast that wrote every stream in one turn made
// each crossing wait for it. The attack is a hall whose every write is costly: here stand-in
// sockets that each burn a millisecond of processor time per write (writes to thousands of
// loopback sockets cost tens of microseconds each; a hall of 200 such sockets is a hall of
// thousands of real ones). Whatever was queued on the event loop as the broadcast began must run
// before the broadcast reaches the last stream, and every stream still gets the entry once.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { Fanout } from '../../src/server/fanout.js';
import { createLogger } from '../../src/server/logger.js';
import type { Store, StoredEntry } from '../../src/store/store.js';

const STREAMS = 200;
/** Processor time each stand-in socket burns per write, in µs. */
const WRITE_COST_US = 1000;

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** A socket that accepts every write at once, after burning WRITE_COST_US of processor time. */
class CostlySocket extends EventEmitter {
  readonly received: Buffer[] = [];
  writableLength = 0;
  writableNeedDrain = false;
  writableEnded = false;
  constructor(private readonly onWrite: (socket: CostlySocket) => void) {
    super();
  }
  write(chunk: string | Buffer): boolean {
    const start = cpuUs();
    while (cpuUs() - start < WRITE_COST_US) {
      // burn: the cost of a system call on a loaded machine
    }
    this.received.push(Buffer.from(chunk));
    this.onWrite(this);
    return true;
  }
  cork(): void {}
  uncork(): void {}
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
  destroy(): this {
    return this;
  }
}

function entry(index: number): StoredEntry {
  return { index, time: '2026-01-01T00:00:00.000Z', actor: 'a', nonce: `n${index}`, type: 't', json: `{"index":${index}}`, leafHash: new Uint8Array(32) } as unknown as StoredEntry;
}

/** Just what the fan-out reads of a store: its size, its entries, and word of its growth. */
function growingStore(): { store: Store; grow: () => void } {
  let size = 1;
  const listeners: ((size: number) => void)[] = [];
  const store = {
    size: async () => size,
    entries: async (start: number, end: number) => Array.from({ length: end - start }, (_, i) => entry(start + i)),
    subscribe: (listener: (size: number) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  } as unknown as Store;
  return {
    store,
    grow: () => {
      size++;
      for (const l of listeners) l(size);
    },
  };
}

test('a broadcast to a costly hall lets the event loop turn before its last stream', async () => {
  const { store, grow } = growingStore();
  const fanout = new Fanout(store, createLogger({ quiet: true }));
  await fanout.start();
  let broadcasting = false;
  let written = 0;
  /** How many streams had the entry when a callback queued at the broadcast's start ran. */
  let turnAt: number | null = null;
  const sockets: CostlySocket[] = [];
  const onWrite = (socket: CostlySocket): void => {
    if (!broadcasting || socket.received.length < 2) return; // the head, at open
    if (written++ === 0) setImmediate(() => (turnAt = written));
  };
  try {
    for (let i = 0; i < STREAMS; i++) {
      const socket = new CostlySocket(onWrite);
      sockets.push(socket);
      fanout.open({ socket } as unknown as ServerResponse, `10.0.0.${i % 250}`, 0);
    }
    assert.equal(fanout.stats().streams, STREAMS);
    broadcasting = true;
    grow();
    const start = Date.now();
    while (written < STREAMS) {
      if (Date.now() - start > 60_000) throw new Error(`${written} of ${STREAMS} streams written`);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.notEqual(turnAt, null);
    // Slices of 40 ms of processor time: a turn after about 40 writes, never after all.
    assert.ok(turnAt! < STREAMS / 2, `the event loop turned only after ${turnAt} of ${STREAMS} streams`);
    for (const s of sockets) {
      assert.equal(s.received.length, 2);
      assert.match(s.received[1]!.toString(), /^event: entry\nid: 1\ndata: \{"index":1\}\n\n$/);
    }
    assert.equal(fanout.stats().broadcasts, 1);
    assert.equal(fanout.stats().writes, STREAMS);
  } finally {
    fanout.close();
  }
});
