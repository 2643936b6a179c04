// Anonymous reports from this browser (docs/REPORTS.md, "Anonymous reports"): the member's device
// blinds fresh random inputs against the period's public key on the record (RFC 9497 POPRF Blind,
// @noble/curves), asks for them with a `report.tokens` act signed by the member (the issuance is on
// the record), fetches the issuer's evaluation and DLEQ proof, checks the proof and unblinds
// (FinalizeBatch), keeps the tokens on this device only (localStorage), and puts the issuer's
// answer with its proof on the record (`report.tokens-received`). Filing anonymously
// spends one: the act is signed as "anonymous" by a one-time key made for that report alone.
import { blindTokens, b64u, finalizeTokens, unb64u, type Token } from '../../../../src/governance/reports/tokens.js';
import type { TokenPeriod } from '../../../../src/governance/reports/model.js';
import { ANONYMOUS } from '../../../../src/acts/envelope.js';
import { getJson, postAct, postSealedAct, type Receipt } from '../../api.js';
import { currentKey, generateDeviceKey, signAct, type Identity } from '../../keys.js';

const storageKey = (org: string, member: string, period: string) => `collegium.report-tokens.${org}.${member}.${period}`;

/** The tokens this device holds for the member in the period. */
export function heldTokens(identity: Identity, period: string): Token[] {
  try {
    const raw = localStorage.getItem(storageKey(identity.org, identity.member, period));
    return raw ? (JSON.parse(raw) as Token[]) : [];
  } catch {
    return [];
  }
}

function keepTokens(identity: Identity, period: string, tokens: Token[]): void {
  localStorage.setItem(storageKey(identity.org, identity.member, period), JSON.stringify(tokens));
}

/** The periods open at `now` (their key named on the record, between their dates). */
export function openPeriods(periods: TokenPeriod[], now = new Date().toISOString()): TokenPeriod[] {
  return periods.filter((p) => p.opensAt <= now && now < p.closesAt);
}

/**
 * Obtains `count` tokens of the period: blinds, signs and sends `report.tokens`, fetches the
 * evaluation, checks its proof against the public key on the record and keeps the tokens.
 */
export async function obtainTokens(identity: Identity, period: TokenPeriod, count: number): Promise<Token[]> {
  const made = blindTokens(identity.org, unb64u(period.publicKey), count);
  const act = await signAct(identity.org, identity.member, currentKey(identity), 'report.tokens', { period: period.id, blinded: made.blinded.map(b64u) });
  const receipt: Receipt = await postAct(act);
  const answer = await getJson<{ evaluated: string[]; proof: string }>(`/api/reports/tokens/${receipt.index}`);
  // Throws if the proof does not hold for the period's key: the issuer could be tagging this member.
  const tokens = finalizeTokens(identity.org, period.id, made, answer.evaluated.map(unb64u), unb64u(answer.proof));
  keepTokens(identity, period.id, [...heldTokens(identity, period.id), ...tokens]);
  // The answer and its proof go on the record, where the engine and `collegium verify` check them
  // against the period's key: anyone can see that the issuer used the named key for this member.
  const received = await signAct(identity.org, identity.member, currentKey(identity), 'report.tokens-received', { period: period.id, request: receipt.index, evaluated: answer.evaluated, proof: answer.proof });
  await postAct(received);
  return tokens;
}

/** Files a report anonymously with one of the tokens held; the token leaves the device once spent (or refused as spent). */
export async function fileAnonymously(identity: Identity, period: string, body: { region: string; topic: string; text: string; figures?: { indicator: string; unit: string; value: number }[] | string }, payloads?: string[]): Promise<Receipt> {
  const tokens = heldTokens(identity, period);
  const token = tokens[0];
  if (!token) throw new Error('no token');
  const oneTime = await generateDeviceKey();
  const act = await signAct(identity.org, ANONYMOUS, oneTime, 'report.file', { ...body, token });
  try {
    // Sealed under a restricted statute: the payloads go with the act, never by a signed upload.
    const receipt = payloads ? await postSealedAct(act, payloads) : await postAct(act);
    keepTokens(identity, period, tokens.slice(1));
    return receipt;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'report.token_spent' || code === 'report.token_invalid' || code === 'report.period_expired') keepTokens(identity, period, tokens.slice(1));
    throw error;
  }
}
