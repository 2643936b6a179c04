// What only the holder of the issuing keys can do (docs/REPORTS.md, "Who holds the issuing key"):
// derive each period's key pair from its seed, evaluate the blinded elements a member's
// `report.tokens` act put on the record, and check, before an anonymous report is appended, that
// its token's output is the PRF of its input under the period's key. The server is that holder;
// it runs these as its `vet` of the engine's events (routes-acts.ts), so a refused token changes
// nothing.
import type { Event, Refusal } from '../kernel/types.js';
import type { State } from '../kernel/state.js';
import { refuse } from '../kernel/types.js';
import { issuances, periods } from './model.js';
import { blindEvaluateBatchFast, evaluateFast, fastKey, type FastKey } from './poprf-fast.js';
import { b64u, outputMatches, periodKeyPair, suiteInfo, unb64u } from './tokens.js';

/** Public keys of periods the issuer was only asked about, kept at most (the most recent). */
const ASKED_KEPT = 256;

/** The issuer: a seed, and the period key pairs derived from it (cached). */
export class Issuer {
  /** Key pairs of the periods it evaluates or checks tokens of: periods named on the record. */
  readonly #keys = new Map<string, { secretKey: Uint8Array; publicKey: Uint8Array; fast: FastKey }>();
  /**
   * Public keys of any period asked for (GET /api/reports/periods/:period/key, open to anyone, for
   * periods not named yet too): bounded, since every made-up period id was once kept for good.
   */
  readonly #asked = new Map<string, string>();

  constructor(private readonly seed: Uint8Array) {}

  keyPair(org: string, period: string): { secretKey: Uint8Array; publicKey: Uint8Array; fast: FastKey } {
    const id = `${org}\u0000${period}`;
    let k = this.#keys.get(id);
    if (!k) {
      const pair = periodKeyPair(this.seed, org, period);
      // The tweaked key, its inverse and T = t·G, once per period (libsodium, poprf-fast.ts).
      this.#keys.set(id, (k = { ...pair, fast: fastKey(pair.secretKey, suiteInfo(org)) }));
    }
    return k;
  }

  /** Whether `output` is the PRF of `input` under the period's key (RFC 9497 Evaluate), constant-time compare. */
  tokenValid(org: string, period: string, input: string, output: string): boolean {
    let expected: Uint8Array;
    try {
      expected = evaluateFast(this.keyPair(org, period).fast, unb64u(input));
    } catch {
      return false;
    }
    return outputMatches(expected, output);
  }

  /** The period's public key, base64url, to name by the collective act `report.token-key`. */
  publicKey(org: string, period: string): string {
    const id = `${org}\u0000${period}`;
    const pair = this.#keys.get(id);
    if (pair) return b64u(pair.publicKey);
    let key = this.#asked.get(id);
    if (key === undefined) {
      key = b64u(periodKeyPair(this.seed, org, period).publicKey);
      this.#asked.set(id, key);
      if (this.#asked.size > ASKED_KEPT) this.#asked.delete(this.#asked.keys().next().value!);
    }
    return key;
  }

  /** How many periods' keys the issuer holds in memory. */
  get kept(): number {
    return this.#keys.size + this.#asked.size;
  }

  /**
   * The server's last word on the events of an accepted act: a period named with a key this issuer
   * does not derive (it could issue none of its tokens), or a token whose output is not the PRF of its
   * input under the period's key, is refused.
   */
  vet(state: State, events: readonly Event[]): Refusal | null {
    const org = state.org?.id;
    if (!org) return null;
    for (const e of events) {
      if (e.type === 'report.period_named' && e.period.publicKey !== this.publicKey(org, e.period.id)) {
        return refuse('report.wrong_issuer_key', `The issuing key for period ${e.period.id} is ${this.publicKey(org, e.period.id)} (GET /api/reports/periods/${e.period.id}/key); the server could issue no token under ${e.period.publicKey}.`);
      }
      if (e.type === 'report.filed' && e.token && !this.tokenValid(org, e.token.period, e.token.input, e.token.output)) {
        return refuse('report.token_invalid', `The token's output is not the PRF of its input under period ${e.token.period}'s issuing key: it was not issued.`);
      }
    }
    return null;
  }

  /**
   * The request for tokens the `report.tokens` act at `entry` put on the record: its period, its
   * member, the period's key and the blinded elements to evaluate; null when there is none.
   */
  request(state: State, entry: number, requester?: { period: string; member: string }): { period: string; member: string; key: FastKey; blinded: Uint8Array[] } | null {
    const org = state.org?.id;
    if (!org) return null;
    // With the requester (the server reads it from the entry), one look-up; without, a walk over
    // every issuance of every period, which grows with the membership (tests and tools only).
    const candidates = requester ? [issuances(state).get(`${requester.period}/${requester.member}`)] : issuances(state).values();
    for (const i of candidates) {
      const request = i?.requests.find((r) => r.index === entry);
      if (!i || !request) continue;
      if (!periods(state).has(i.period)) return null;
      return { period: i.period, member: i.member, key: this.keyPair(org, i.period).fast, blinded: request.blinded.map(unb64u) };
    }
    return null;
  }

  /**
   * The evaluation of the blinded elements the `report.tokens` act at `entry` put on the record, with
   * the batch DLEQ proof the member checks against the period's public key; null when there is none.
   */
  evaluate(state: State, entry: number, requester?: { period: string; member: string }): { period: string; member: string; evaluated: string[]; proof: string } | null {
    const r = this.request(state, entry, requester);
    if (!r) return null;
    const { evaluated, proof } = blindEvaluateBatchFast(r.key, r.blinded);
    return { period: r.period, member: r.member, evaluated: evaluated.map(b64u), proof: b64u(proof) };
  }
}
