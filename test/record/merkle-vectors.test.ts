// The 196 inclusion and consistency cases of transparency-dev/merkle's testdata.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyConsistency, verifyInclusion } from '../../src/record/index.js';
import { b64, listVectors, readJson } from './vectors.js';

const DIR = 'transparency-dev-merkle';

interface InclusionCase { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean }
interface ConsistencyCase { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean }

const files = listVectors(DIR);

test('transparency-dev/merkle: all 196 cases are present', () => {
  assert.equal(files.length, 196);
  assert.ok(files.every((f) => f.startsWith('testdata_inclusion_') || f.startsWith('testdata_consistency_')));
});

test('transparency-dev/merkle: accept every wantErr:false, reject every wantErr:true', async (t) => {
  let accepted = 0;
  let rejected = 0;
  for (const file of files) {
    await t.test(file, () => {
      let ok: boolean;
      let wantErr: boolean;
      if (file.startsWith('testdata_inclusion_')) {
        const c = readJson(DIR, file) as InclusionCase;
        wantErr = c.wantErr;
        ok = verifyInclusion({ leafHash: b64(c.leafHash), index: c.leafIdx, treeSize: c.treeSize, proof: (c.proof ?? []).map(b64), root: b64(c.root) });
      } else {
        const c = readJson(DIR, file) as ConsistencyCase;
        wantErr = c.wantErr;
        ok = verifyConsistency({ size1: c.size1, size2: c.size2, root1: b64(c.root1), root2: b64(c.root2), proof: (c.proof ?? []).map(b64) });
      }
      assert.equal(ok, !wantErr, `${file}: verifier said ${ok ? 'valid' : 'invalid'}`);
      if (ok) accepted++;
      else rejected++;
    });
  }
  assert.equal(accepted + rejected, 196);
});
