/**
 * The road not taken, measured: batch verification of an election's ballot proofs by random
 * linear combination in one multi-scalar multiplication, against libsodium's per-ballot check
 * that src/ballot uses (docs/BALLOT.md, "Verification"). Ballots: one question, 4 answers,
 * exactly one chosen (n of them, default 500; `--ballots n`).
 *
 * Our proofs on the record are in compact form (challenge, response), whose commitments the
 * verifier must recompute one by one; a batch needs them given. So this bench first turns each
 * ballot into commitment form (A, B', c, s per branch, as Helios publishes proofs; untimed),
 * then times, over the whole election:
 *  - per-ballot: `checkBallots` (libsodium, WebAssembly), as `collegium verify` runs it;
 *  - batch: decoding every point with @noble/curves (RFC 9496 §4.3.1), the Fiat–Shamir hashes
 *    over the given commitments, and one Pippenger multi-scalar multiplication of
 *      Σ_e z_e·(s_e·B − A_e − c_e·α_e) + z'_e·(s_e·Y − B'_e − c_e·(β_e − M_e·B)) = 0
 *    with z_e, z'_e random 128-bit weights from the CSPRNG. Small-exponent test (Bellare,
 *    Garay, Rabin, EUROCRYPT 1998, §3): if some equation fails, the sum is a non-zero linear
 *    form in the weights of that equation, in a group of prime order L, so fixing all other
 *    weights at most one value of that weight in 2^128 makes the sum vanish: a false batch
 *    passes with probability at most 2^-128.
 * The batch result is checked to accept the honest election and to reject one bent proof.
 *
 *   node --import tsx bench/ballot/batch-msm.ts [--ballots 500]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { baseMult, pointSub, ready, scalarMult, scalarRandom, scalarToBigInt, toHex, type Point } from '../../src/ballot/group.js';
import { sumCiphertexts } from '../../src/ballot/elgamal.js';
import { answerContext, encryptBallot, type BallotJson, type ElectionParams } from '../../src/ballot/ballot.js';
import { challenge, smallMultiple, valuesStatement, type ProofContext } from '../../src/ballot/proofs.js';
import { ciphertextFromJson, proofFromJson } from '../../src/ballot/codec.js';
import { checkBallots } from '../../src/ballot/verify.js';

const { values: options } = parseArgs({ options: { ballots: { type: 'string', default: '500' } } });
const N = Number(options.ballots);
const RP = ristretto255.Point;
type NoblePoint = InstanceType<typeof RP>;
const L = RP.Fn.ORDER;

/** One branch of a proof in commitment form, all encodings as on the wire. */
interface Branch {
  a: Point;
  b: Point;
  c: bigint;
  s: bigint;
  m: number;
}
/** One membership proof in commitment form: its context, ciphertexts (summed for the overall proof), values and branches. */
interface Transcript {
  ctx: ProofContext;
  cts: { alpha: Point; beta: Point }[];
  values: number[];
  branches: Branch[];
}

function commitmentForm(election: ElectionParams, y: Point, ballot: BallotJson): Transcript[] {
  const answer = ballot.answers[0]!;
  const cts = answer.choices.map((c) => ciphertextFromJson(c)!);
  const out: Transcript[] = [];
  const branchesOf = (ct: { alpha: Point; beta: Point }, values: number[], proofs: readonly { challenge: string; response: string }[]): Branch[] =>
    values.map((m, j) => {
      const p = proofFromJson(proofs[j])!;
      return {
        a: pointSub(baseMult(p.response), scalarMult(p.challenge, ct.alpha)),
        b: pointSub(scalarMult(p.response, y), scalarMult(p.challenge, pointSub(ct.beta, smallMultiple(m)))),
        c: scalarToBigInt(p.challenge),
        s: scalarToBigInt(p.response),
        m,
      };
    });
  cts.forEach((ct, ai) => out.push({ ctx: answerContext(election, y, ballot.voter, 0, ai), cts: [ct], values: [0, 1], branches: branchesOf(ct, [0, 1], answer.individualProofs[ai]!) }));
  const sum = sumCiphertexts(cts);
  out.push({ ctx: answerContext(election, y, ballot.voter, 0, 'sum'), cts, values: [1], branches: branchesOf(sum, [1], answer.overallProof) });
  return out;
}

const weight = (): bigint => BigInt('0x' + randomBytes(16).toString('hex'));

/** The batch check of every transcript: hashes, then one multi-scalar multiplication. */
function batchVerify(y: Point, transcripts: readonly Transcript[]): boolean {
  const decoded = new Map<string, NoblePoint>();
  const decode = (p: Point): NoblePoint => {
    const key = toHex(p);
    let q = decoded.get(key);
    if (q === undefined) {
      q = RP.fromBytes(p);
      decoded.set(key, q);
    }
    return q;
  };
  const points: NoblePoint[] = [];
  const scalars: bigint[] = [];
  let onB = 0n;
  let onY = 0n;
  const Y = decode(y);
  for (const t of transcripts) {
    const { alpha, beta } = t.cts.length === 1 ? t.cts[0]! : sumCiphertexts(t.cts);
    // Fiat–Shamir: the hash of the statement and the given commitments is the sum of the challenges.
    const h = scalarToBigInt(challenge('iprove', t.ctx, [y, alpha, beta, valuesStatement(t.values)], t.branches.flatMap((b) => [b.a, b.b])));
    if (h !== t.branches.reduce((acc, b) => (acc + b.c) % L, 0n)) return false;
    let onAlpha = 0n;
    let onBeta = 0n;
    for (const br of t.branches) {
      const z = weight();
      const z2 = weight();
      onB = (onB + z * br.s + z2 * br.c * BigInt(br.m)) % L;
      onY = (onY + z2 * br.s) % L;
      onAlpha = (onAlpha + z * br.c) % L;
      onBeta = (onBeta + z2 * br.c) % L;
      points.push(decode(br.a), decode(br.b));
      scalars.push(L - z, L - z2);
    }
    // The overall proof's ciphertext is the sum: its coefficient goes to each summand, no addition needed.
    for (const ct of t.cts) {
      points.push(decode(ct.alpha), decode(ct.beta));
      scalars.push((L - onAlpha) % L, (L - onBeta) % L);
    }
  }
  points.push(RP.BASE, Y);
  scalars.push(onB, onY);
  const nonZero = scalars.map((s, i) => [s, i] as const).filter(([s]) => s !== 0n);
  return pippenger(RP as never, nonZero.map(([, i]) => points[i]!), nonZero.map(([s]) => s)).is0();
}

await ready();
const y = baseMult(scalarRandom());
const election: ElectionParams = { id: 'bench-batch', publicKey: toHex(y), questions: [{ answers: 4, min: 1, max: 1 }] };
const ballots = Array.from({ length: N }, (_, i) => encryptBallot(election, `v${i + 1}`, [[0, 1, 2, 3].map((a) => (a === i % 4 ? 1 : 0))]));
const transcripts = ballots.flatMap((b) => commitmentForm(election, y, b));

let t0 = performance.now();
const failures = checkBallots(election, ballots, undefined);
const perBallotMs = (performance.now() - t0) / N;
t0 = performance.now();
const ok = batchVerify(y, transcripts);
const batchMs = (performance.now() - t0) / N;
if (failures.length !== 0 || !ok) throw new Error('the honest election does not verify');
const bent = transcripts.map((t, i) => (i === 7 ? { ...t, branches: t.branches.map((b, j) => (j === 0 ? { ...b, s: (b.s + 1n) % L } : b)) } : t));
if (batchVerify(y, bent)) throw new Error('the batch accepted a bent proof');
console.log(`batch-msm: ${N} ballots; per-ballot check (libsodium): ${perBallotMs.toFixed(2)} ms/ballot; batch (@noble/curves decode + Pippenger): ${batchMs.toFixed(2)} ms/ballot; ratio ${(perBallotMs / batchMs).toFixed(2)}x`);
