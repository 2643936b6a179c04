// A full disk under SQLite, for real: the data folder is a small tmpfs mounted for this test
// (so it runs as root) and unmounted after; filling it is writing a file until ENOSPC.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadOrCreateLogKey } from '../../src/server/log-key.js';
import { fullDiskScenario } from './disk-full.js';

function sh(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr || r.error?.message}`);
}

test('SQLite on a file system that fills up: 503, nothing half-written, nothing acknowledged lost, resumes when space returns', async () => {
  assert.equal(process.getuid?.(), 0, 'this test mounts a small tmpfs and must run as root');
  const mountPoint = mkdtempSync(join(tmpdir(), 'collegium-full-'));
  const keyDir = mkdtempSync(join(tmpdir(), 'collegium-full-key-'));
  sh('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mountPoint]);
  try {
    const filler = join(mountPoint, 'filler');
    await fullDiskScenario({
      storeOptions: { data: join(mountPoint, 'data') },
      logKey: loadOrCreateLogKey(join(keyDir, 'log-key.json')),
      fill: async () => {
        const fd = openSync(filler, 'w');
        const chunk = Buffer.alloc(64 * 1024, 1);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          closeSync(fd);
        }
        // The last partial chunks too: not a byte left.
        const small = openSync(join(mountPoint, 'filler-small'), 'w');
        try {
          for (;;) writeSync(small, Buffer.alloc(512, 1));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          closeSync(small);
        }
      },
      makeRoom: async () => {
        rmSync(filler);
        rmSync(join(mountPoint, 'filler-small'));
      },
    });
  } finally {
    sh('umount', [mountPoint]);
    rmdirSync(mountPoint);
    rmSync(keyDir, { recursive: true, force: true });
  }
});
