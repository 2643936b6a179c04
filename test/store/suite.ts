// The one test suite every Store back end must pass, against a real database.
// Batches are built with arbitrary hashes: the store keeps bytes, it does not compute trees.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { storedHashCount } from '../../src/store/common.js';
import type { AppendBatch, AppendTransaction, Store, StoredEntry } from '../../src/store/store.js';
import type { ProjectionRow } from '../../src/governance/kernel/state.js';

export interface Fixture {
  store: Store;
  /** Another instance on the same database, with its own connections (as another process would have). */
  reopen?: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

/** An entry whose json is ~320 bytes, like a real signed act. */
export function makeEntry(index: number, actor = `member-${index % 7}`, nonce = randomBytes(12).toString('hex')): StoredEntry {
  const time = new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString();
  const act = { v: 1, org: 'test', type: 'motion.second', actor, key: 'k1', nonce, issuedAt: time, body: { motion: `m-${index}` }, sig: 'A'.repeat(86) };
  const json = JSON.stringify({ index, time, act });
  return { index, time, actor, nonce, type: act.type, json, leafHash: new Uint8Array(createHash('sha256').update(json).digest()) };
}

/** A batch of `entries` on top of a log of `size` entries, with the right number of (fake) stored hashes. */
export function makeBatch(size: number, entries: StoredEntry[], projections: ProjectionRow[] = []): AppendBatch {
  const newSize = size + entries.length;
  const hashesFrom = storedHashCount(size);
  const hashes = Array.from({ length: storedHashCount(newSize) - hashesFrom }, () => new Uint8Array(randomBytes(32)));
  return { entries, hashesFrom, hashes, checkpoint: { size: newSize, note: `test\n${newSize}\nroot\n` }, projections };
}

/** Appends `count` fresh entries under the lock, reading the size there as a real appender would. */
export async function appendEntries(store: Store, count: number, projections: (size: number) => ProjectionRow[] = () => []): Promise<AppendBatch> {
  return store.withAppendLock(async (tx) => {
    const size = await tx.size();
    const batch = makeBatch(size, Array.from({ length: count }, (_, i) => makeEntry(size + i)), projections(size + count));
    await tx.append(batch);
    return batch;
  });
}

export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Everything a store holds that an append may touch, to show a refused one changed nothing. */
async function state(store: Store) {
  const size = await store.size();
  return {
    size,
    entries: await store.entries(0, size + 10),
    checkpoint: await store.checkpoint(),
    snapshot: await store.snapshot(),
    hashes: await store.readHashes(Array.from({ length: storedHashCount(size) }, (_, i) => i)),
  };
}

export function storeSuite(name: string, open: () => Promise<Fixture>): void {
  /** Runs a test on a fresh, empty, initialized store and always cleans up. */
  const withStore = (title: string, fn: (f: Fixture & { reopen: () => Promise<Store> }) => Promise<void>) =>
    test(title, async () => {
      const f = await open();
      try {
        assert.ok(f.reopen, 'this suite needs a fixture that can open a second instance');
        await fn({ ...f, reopen: f.reopen });
      } finally {
        await f.cleanup();
      }
    });

  describe(name, () => {
    withStore('init is idempotent and leaves an empty store', async ({ store, reopen }) => {
      await store.init();
      await store.init();
      const second = await reopen();
      await second.init();
      for (const s of [store, second]) {
        assert.equal(await s.size(), 0);
        assert.deepEqual(await s.entries(0, 10), []);
        assert.equal(await s.checkpoint(), null);
        assert.deepEqual(await s.snapshot(), { size: 0, rows: [] });
      }
    });

    withStore('appended batches read back exactly', async ({ store }) => {
      const b1 = makeBatch(0, [makeEntry(0), makeEntry(1), makeEntry(2)], [
        { kind: 'motion', id: 'm-2', body: '{"state":"open"}' },
        { kind: 'motion', id: 'm-1', body: '{"state":"open"}' },
      ]);
      const b2 = makeBatch(3, [makeEntry(3)], [
        { kind: 'motion', id: 'm-1', body: '{"state":"adopted"}' },
        { kind: 'motion', id: 'm-2', body: null },
        { kind: 'member', id: 'ada', body: '{"name":"Ada"}' },
      ]);
      const b3 = makeBatch(4, [makeEntry(4), makeEntry(5)]);
      for (const b of [b1, b2, b3]) await store.withAppendLock((tx) => tx.append(b));

      const all = [...b1.entries, ...b2.entries, ...b3.entries];
      assert.equal(await store.size(), 6);
      assert.deepEqual(await store.entries(0, 6), all);
      assert.deepEqual(await store.entries(2, 4), all.slice(2, 4));
      assert.deepEqual(await store.entries(5, 100), all.slice(5));
      assert.deepEqual(await store.entries(6, 10), []);

      const hashes = [...b1.hashes, ...b2.hashes, ...b3.hashes];
      assert.equal(hashes.length, storedHashCount(6));
      const order = [7, 0, 3, 9, 3];
      assert.deepEqual(await store.readHashes(order), order.map((i) => hashes[i]));
      await assert.rejects(store.readHashes([0, hashes.length]), /missing/);

      assert.deepEqual(await store.checkpoint(), b3.checkpoint);
      assert.deepEqual(await store.checkpoint(3), b1.checkpoint);
      assert.deepEqual(await store.checkpoint(4), b2.checkpoint);
      assert.equal(await store.checkpoint(5), null);

      assert.equal(await store.projection('motion', 'm-1'), '{"state":"adopted"}');
      assert.equal(await store.projection('motion', 'm-2'), null);
      assert.deepEqual(await store.projections('motion'), [{ id: 'm-1', body: '{"state":"adopted"}' }]);
      assert.deepEqual(await store.projections('member'), [{ id: 'ada', body: '{"name":"Ada"}' }]);
      assert.deepEqual(await store.projections('nothing'), []);

      // Inside the lock, the transaction reads the same committed data.
      await store.withAppendLock(async (tx) => {
        assert.equal(await tx.size(), 6);
        assert.deepEqual(await tx.entries(1, 3), all.slice(1, 3));
        assert.deepEqual(await tx.readHashes([1, 2]), hashes.slice(1, 3));
      });
    });

    withStore('a batch with a gap or an overlap is refused and nothing of it is kept', async ({ store }) => {
      await store.withAppendLock((tx) => tx.append(makeBatch(0, [makeEntry(0), makeEntry(1), makeEntry(2)], [{ kind: 'k', id: 'a', body: '1' }])));
      const before = await state(store);
      const proj = [{ kind: 'k', id: 'a', body: '2' }];
      const gap = makeBatch(4, [makeEntry(4)], proj);
      const overlap = makeBatch(2, [makeEntry(2), makeEntry(3)], proj);
      const holed = makeBatch(3, [makeEntry(3), makeEntry(5)], proj);
      const wrongHashes = { ...makeBatch(3, [makeEntry(3)], proj), hashesFrom: storedHashCount(3) - 1 };
      const tooFewHashes = { ...makeBatch(3, [makeEntry(3), makeEntry(4)], proj), hashes: [] };
      const wrongCheckpoint = { ...makeBatch(3, [makeEntry(3)], proj), checkpoint: { size: 3, note: 'x' } };
      for (const batch of [gap, overlap, holed, wrongHashes, tooFewHashes, wrongCheckpoint]) {
        await assert.rejects(store.withAppendLock((tx) => tx.append(batch)), Error);
        // Even when the caller swallows the refusal and commits, nothing of the batch is kept.
        await store.withAppendLock((tx) => tx.append(batch).catch(() => undefined));
        assert.deepEqual(await state(store), before);
      }
    });

    withStore('a reused (actor, nonce) is refused and the whole batch rolled back', async ({ store }) => {
      await store.withAppendLock((tx) => tx.append(makeBatch(0, [makeEntry(0, 'ada', 'n1')])));
      const before = await state(store);
      const proj = [{ kind: 'k', id: 'x', body: '1' }];
      const replay = makeBatch(1, [makeEntry(1, 'bob', 'n1'), makeEntry(2, 'ada', 'n2'), makeEntry(3, 'ada', 'n1')], proj);
      await assert.rejects(store.withAppendLock((tx) => tx.append(replay)));
      assert.deepEqual(await state(store), before);

      const twiceInOneBatch = makeBatch(1, [makeEntry(1, 'bob', 'n9'), makeEntry(2, 'bob', 'n9')], proj);
      await assert.rejects(store.withAppendLock((tx) => tx.append(twiceInOneBatch)));
      assert.deepEqual(await state(store), before);

      // The caller catches the refusal and goes on in the same transaction with a good batch.
      await store.withAppendLock(async (tx) => {
        await assert.rejects(tx.append(replay));
        assert.equal(await tx.size(), 1);
        await tx.append(makeBatch(1, [makeEntry(1, 'bob', 'n1')]));
      });
      assert.equal(await store.size(), 2);
      assert.deepEqual((await store.entries(0, 2)).map((e) => [e.actor, e.nonce]), [['ada', 'n1'], ['bob', 'n1']]);
      assert.equal(await store.projection('k', 'x'), null);
    });

    withStore('a batch’s payloads are kept with its entries, in the same commit, or not at all', async ({ store }) => {
      const payload = (n: number) => ({ sha256: String(n).repeat(64).slice(0, 64), mediaType: 'application/json', bytes: new TextEncoder().encode(`{"salt":"s","text":"${n}"}`) });
      // A batch refused (a gap), or one whose transaction throws after it: no payload of it is kept.
      await assert.rejects(store.withAppendLock((tx) => tx.append({ ...makeBatch(1, [makeEntry(1)]), contents: [payload(1)] })));
      await assert.rejects(store.withAppendLock(async (tx) => {
        await tx.append({ ...makeBatch(0, [makeEntry(0)]), contents: [payload(2)] });
        throw new Error('crash before the commit');
      }));
      assert.equal(await store.content(payload(1).sha256), null);
      assert.equal(await store.content(payload(2).sha256), null);
      assert.equal(await store.size(), 0);
      // Committed: the entry and its payload both.
      await store.withAppendLock((tx) => tx.append({ ...makeBatch(0, [makeEntry(0)]), contents: [payload(3)] }));
      assert.deepEqual((await store.content(payload(3).sha256))?.bytes, payload(3).bytes);
      assert.equal(await store.size(), 1);
    });

    withStore('a batch that changes one projection row more than once keeps its last change, rows there before included', async ({ store }) => {
      // PostgreSQL writes a batch's rows in one statement, whose parts all see the snapshot before
      // it (an upsert cannot touch a row twice, a delete cannot see a row inserted beside it):
      // each sequence of changes to one row must still end as its last change says.
      await appendEntries(store, 1, () => [
        { kind: 'k', id: 'set-then-gone', body: '0' },
        { kind: 'k', id: 'gone-then-set', body: '0' },
        { kind: 'k', id: 'set-twice', body: '0' },
        { kind: 'k', id: 'untouched', body: '0' },
      ]);
      await appendEntries(store, 1, () => [
        { kind: 'k', id: 'set-then-gone', body: '1' },
        { kind: 'k', id: 'gone-then-set', body: null },
        { kind: 'k', id: 'set-twice', body: '1' },
        { kind: 'k', id: 'new-then-gone', body: '1' },
        { kind: 'k', id: 'new-gone-new', body: '1' },
        { kind: 'k', id: 'set-then-gone', body: null },
        { kind: 'k', id: 'gone-then-set', body: '2' },
        { kind: 'k', id: 'set-twice', body: '2' },
        { kind: 'k', id: 'new-then-gone', body: null },
        { kind: 'k', id: 'new-gone-new', body: null },
        { kind: 'k', id: 'new-gone-new', body: '3' },
      ]);
      const read = async (id: string) => store.projection('k', id);
      assert.equal(await read('set-then-gone'), null);
      assert.equal(await read('gone-then-set'), '2');
      assert.equal(await read('set-twice'), '2');
      assert.equal(await read('new-then-gone'), null);
      assert.equal(await read('new-gone-new'), '3');
      assert.equal(await read('untouched'), '0');
    });

    withStore('a throw inside withAppendLock rolls back everything', async ({ store }) => {
      await appendEntries(store, 2, () => [{ kind: 'k', id: 'keep', body: '1' }]);
      const before = await state(store);
      const boom = new Error('boom');
      await assert.rejects(
        store.withAppendLock(async (tx) => {
          await tx.append(makeBatch(2, [makeEntry(2)], [{ kind: 'k', id: 'new', body: '2' }]));
          await tx.append(makeBatch(3, [makeEntry(3)]));
          await tx.replaceProjections([{ kind: 'other', id: 'o', body: '3' }]);
          assert.equal(await tx.size(), 4);
          throw boom;
        }),
        (error) => error === boom,
      );
      assert.deepEqual(await state(store), before);
      // The lock was released: the next append goes through.
      await appendEntries(store, 1);
      assert.equal(await store.size(), 3);
    });

    withStore('concurrent appenders on one store get 0..N-1 with no gap or duplicate', async ({ store }) => {
      const n = 40;
      const indexes = await Promise.all(
        Array.from({ length: n }, (_, worker) =>
          store.withAppendLock(async (tx) => {
            const size = await tx.size();
            await sleep(1); // widen the window a missing lock would leave open
            await tx.append(makeBatch(size, [makeEntry(size, `worker-${worker}`, 'only')]));
            return size;
          }),
        ),
      );
      assert.deepEqual([...indexes].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
      const entries = await store.entries(0, n + 1);
      assert.deepEqual(entries.map((e) => e.index), Array.from({ length: n }, (_, i) => i));
      assert.equal(new Set(entries.map((e) => e.actor)).size, n);
    });

    withStore('two instances on one database (as two processes) serialize their appends', async ({ store, reopen }) => {
      const other = await reopen();
      const n = 30;
      const appenders = [store, other];
      await Promise.all(
        Array.from({ length: n }, (_, worker) =>
          appenders[worker % 2]!.withAppendLock(async (tx) => {
            const size = await tx.size();
            await sleep(1);
            await tx.append(makeBatch(size, [makeEntry(size, `worker-${worker}`, 'only')]));
          }),
        ),
      );
      for (const s of appenders) {
        const entries = await s.entries(0, n + 1);
        assert.deepEqual(entries.map((e) => e.index), Array.from({ length: n }, (_, i) => i));
        assert.equal(new Set(entries.map((e) => e.actor)).size, n);
      }
      assert.deepEqual(await store.checkpoint(), { size: n, note: `test\n${n}\nroot\n` });
    });

    withStore('subscribe hears growth from this and from another instance', async ({ store, reopen }) => {
      const other = await reopen();
      const seen: number[] = [];
      const unsubscribe = store.subscribe((size) => seen.push(size));
      await sleep(300); // let a back end that listens on a connection get it ready
      await appendEntries(other, 2);
      await waitFor(() => seen.includes(2), 'growth appended by the other instance');
      await appendEntries(store, 1);
      await waitFor(() => seen.includes(3), 'growth appended by this instance');
      // A transaction that appends nothing is not growth.
      await store.withAppendLock(async () => undefined);
      unsubscribe();
      await appendEntries(other, 1);
      await sleep(700);
      assert.deepEqual(seen, [2, 3]);
    });

    withStore('data survives closing and reopening', async ({ store, reopen }) => {
      const b = await appendEntries(store, 5, () => [{ kind: 'k', id: 'a', body: '{"v":1}' }]);
      await store.addCosignature({ witness: 'w1', size: 5, line: 'w1 AAAA' });
      const before = await state(store);
      await store.close();
      const again = await reopen();
      assert.deepEqual(await state(again), before);
      assert.deepEqual(await again.entries(0, 5), b.entries);
      assert.deepEqual(await again.cosignatures(5), [{ witness: 'w1', size: 5, line: 'w1 AAAA' }]);
    });

    withStore('replaceProjections replaces every row, atomically', async ({ store }) => {
      await appendEntries(store, 1, () => [
        { kind: 'a', id: '1', body: 'old' },
        { kind: 'b', id: '2', body: 'old' },
      ]);
      const rows = [
        { kind: 'a', id: '3', body: 'new' },
        { kind: 'c', id: '1', body: 'new' },
      ];
      await assert.rejects(
        store.withAppendLock(async (tx) => {
          await tx.replaceProjections(rows);
          throw new Error('abort');
        }),
      );
      assert.deepEqual((await store.snapshot()).rows, [
        { kind: 'a', id: '1', body: 'old' },
        { kind: 'b', id: '2', body: 'old' },
      ]);
      await store.withAppendLock((tx) => tx.replaceProjections(rows));
      assert.deepEqual(await store.snapshot(), { size: 1, rows });
      await store.withAppendLock((tx) => tx.replaceProjections([]));
      assert.deepEqual(await store.snapshot(), { size: 1, rows: [] });
    });

    withStore('a snapshot sees the size and the rows of one and the same commit', async ({ store, reopen }) => {
      const other = await reopen();
      // Every batch records the size it brings the log to; a torn snapshot would disagree.
      const counter = (size: number): ProjectionRow[] => [
        { kind: 'log', id: 'size', body: String(size) },
        { kind: 'log', id: `at-${size}`, body: '{}' },
      ];
      let done = false;
      const writer = (async () => {
        for (let i = 0; i < 25; i++) await appendEntries(other, 3, counter);
        done = true;
      })();
      let snapshots = 0;
      while (!done) {
        const snap = await store.snapshot();
        const sizeRow = snap.rows.find((r) => r.id === 'size');
        assert.equal(sizeRow?.body ?? '0', String(snap.size));
        assert.equal(snap.rows.length, snap.size === 0 ? 0 : 1 + snap.size / 3);
        snapshots++;
      }
      await writer;
      assert.ok(snapshots > 1);
      assert.equal((await store.snapshot()).size, 75);
    });

    withStore('cosignatures are kept per size and witness', async ({ store }) => {
      await appendEntries(store, 1);
      await appendEntries(store, 1);
      await store.addCosignature({ witness: 'w2', size: 2, line: 'w2 BBBB' });
      await store.addCosignature({ witness: 'w1', size: 2, line: 'w1 AAAA' });
      await store.addCosignature({ witness: 'w1', size: 1, line: 'w1 CCCC' });
      // A witness cosigning the same size again replaces its line (a newer timestamp).
      await store.addCosignature({ witness: 'w2', size: 2, line: 'w2 DDDD' });
      assert.deepEqual(await store.cosignatures(2), [
        { witness: 'w1', size: 2, line: 'w1 AAAA' },
        { witness: 'w2', size: 2, line: 'w2 DDDD' },
      ]);
      assert.deepEqual(await store.cosignatures(1), [{ witness: 'w1', size: 1, line: 'w1 CCCC' }]);
      assert.deepEqual(await store.cosignatures(7), []);
      // The first size at or past a point that a given witness cosigned (a witnessed panel draw's checkpoint).
      assert.equal(await store.firstCosigned('w1', 0), 1);
      assert.equal(await store.firstCosigned('w1', 2), 2);
      assert.equal(await store.firstCosigned('w2', 0), 2);
      assert.equal(await store.firstCosigned('w2', 3), null);
      assert.equal(await store.firstCosigned('w3', 0), null);
      // Every row of a range of sizes, by size then witness (the start-up self-check reads them all).
      assert.deepEqual(await store.cosignatureRange(0, Number.MAX_SAFE_INTEGER), [
        { witness: 'w1', size: 1, line: 'w1 CCCC' },
        { witness: 'w1', size: 2, line: 'w1 AAAA' },
        { witness: 'w2', size: 2, line: 'w2 DDDD' },
      ]);
      assert.deepEqual(await store.cosignatureRange(2, 3), await store.cosignatures(2));
      assert.deepEqual(await store.cosignatureRange(3, 9), []);
    });

    withStore('checkpoint(size) is exact and checkpoint() the latest', async ({ store }) => {
      assert.equal(await store.checkpoint(), null);
      await store.saveCheckpoint({ size: 0, note: 'empty\n' });
      assert.deepEqual(await store.checkpoint(), { size: 0, note: 'empty\n' });
      const b1 = await appendEntries(store, 2);
      const b2 = await appendEntries(store, 3);
      // Saving an older size, signed on demand, does not change which is the latest.
      await store.saveCheckpoint({ size: 0, note: 'empty again\n' });
      assert.deepEqual(await store.checkpoint(), b2.checkpoint);
      assert.deepEqual(await store.checkpoint(5), b2.checkpoint);
      assert.deepEqual(await store.checkpoint(2), b1.checkpoint);
      // The first note saved for a size stays: witnesses may have cosigned it.
      assert.deepEqual(await store.checkpoint(0), { size: 0, note: 'empty\n' });
      assert.equal(await store.checkpoint(3), null);
      assert.equal(await store.checkpoint(6), null);
    });

    withStore('upload quota: reservations asked of two instances at once (two processes) never pass it; one settled is the upload, one given back is nothing', async ({ store, reopen }) => {
      const other = await reopen();
      const quota = { count: 4, bytes: 1_000_000 };
      const ask = (s: Store, bytes: number) => s.reserveUpload({ member: 'ana', at: Date.UTC(2025, 0, 2), bytes, since: Date.UTC(2025, 0, 1), quota });
      const asked = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 ? other : store, 1000)));
      const held = asked.filter((r): r is { ok: true; id: string } => r.ok);
      assert.equal(held.length, 4, 'four of twenty');
      assert.ok(asked.every((r) => r.ok || (r.count === 4 && r.bytes === 4000)), 'each refusal saw the four set aside');
      assert.deepEqual(await store.uploadsSince('ana', 0), { count: 4, bytes: 4000 });
      const sha256 = 'ab'.repeat(32);
      await store.settleUpload('ana', held[0]!.id, { sha256, bytes: 700 });
      await other.settleUpload('ana', held[1]!.id, null);
      assert.deepEqual(await other.uploadsSince('ana', 0), { count: 3, bytes: 2700 });
      assert.deepEqual(await store.uploaders(sha256), ['ana']);
      // Bytes count as well as uploads: 2,700 used, 1,000,000 allowed.
      assert.equal((await ask(store, 997_300)).ok, true);
      const past = await ask(other, 1);
      assert.deepEqual(past, { ok: false, count: 4, bytes: 1_000_000 });
    });

    withStore('the append transaction cannot be used once withAppendLock has returned', async ({ store }) => {
      let leaked: AppendTransaction | undefined;
      await store.withAppendLock(async (tx) => {
        leaked = tx;
      });
      await assert.rejects(leaked!.size(), /after withAppendLock/);
      await assert.rejects(leaked!.append(makeBatch(0, [makeEntry(0)])), /after withAppendLock/);
      assert.equal(await store.size(), 0);
    });
  });
}
