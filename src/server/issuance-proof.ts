// The check of a `report.tokens-received`'s DLEQ proof before the act reaches the writer
// (docs/REPORTS.md, step 2): on the issuance workers (issuance-pool.ts), against what the record
// fixes for good, the period's public key named once and the member's request's blinded elements,
// so that the result still holds when the writer decides the act, which then trusts it. Anything
// this cannot settle (no such period or request yet, a malformed body, a proof that fails) is
// left to the engine, which checks it itself and gives the refusal.
import { issuances, periods } from '../governance/reports/model.js';
import { suiteInfo, unb64u } from '../governance/reports/tokens.js';
import type { State } from '../governance/kernel/state.js';
import type { IssuancePool } from './issuance-pool.js';

/** True when `act` is a `report.tokens-received` whose proof the workers found valid. */
export async function issuanceProofChecked(pool: IssuancePool | undefined, state: State, act: unknown): Promise<boolean> {
  if (!pool || typeof act !== 'object' || act === null) return false;
  const { type, actor, body } = act as { type?: unknown; actor?: unknown; body?: unknown };
  if (type !== 'report.tokens-received' || typeof actor !== 'string' || typeof body !== 'object' || body === null) return false;
  const { period, request, evaluated, proof } = body as { period?: unknown; request?: unknown; evaluated?: unknown; proof?: unknown };
  if (typeof period !== 'string' || typeof request !== 'number' || typeof proof !== 'string' || !Array.isArray(evaluated) || !evaluated.every((e) => typeof e === 'string')) return false;
  const named = periods(state).get(period);
  const asked = issuances(state).get(`${period}/${actor}`)?.requests.find((r) => r.index === request);
  const org = state.org?.id;
  if (!named || !asked || !org || asked.blinded.length !== evaluated.length) return false;
  try {
    return await pool.verify(unb64u(named.publicKey), suiteInfo(org), asked.blinded.map(unb64u), (evaluated as string[]).map(unb64u), unb64u(proof));
  } catch {
    return false;
  }
}
