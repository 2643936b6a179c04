// The reveal of closed token periods' secret keys (docs/REPORTS.md, "What verify checks, and what
// it trusts"): once a period has closed, its tokens are refused as expired, so its key mints
// nothing any more, and this server, which holds it, puts it on the record
// (`report.token-key-reveal`, signed as "anonymous" with a one-time key: the engine checks the
// key against the public key named on the record, so it needs no member to vouch for it). From
// then on `collegium verify` checks every token redeemed in the period, which before only the key
// holder could. A timer looks once a minute; several processes of one PostgreSQL deployment may
// all try, and every reveal after the first is refused `report.key_revealed`, changing nothing.
import { MemberSigner } from '../acts/compose.js';
import { ANONYMOUS } from '../acts/envelope.js';
import { generateKeyPair } from '../acts/keys.js';
import type { Issuer } from '../governance/reports/issuer.js';
import { periods } from '../governance/reports/model.js';
import { b64u } from '../governance/reports/tokens.js';
import type { Logger } from './logger.js';
import type { Sequencer } from './sequencer.js';

/** How often the server looks for closed periods whose key is still secret. */
export const REVEAL_EVERY_MS = 60_000;

/**
 * Reveals the secret key of every period that has closed (by the sequencer's clock), whose key this
 * issuer derives and which is not revealed yet; returns the periods it revealed.
 */
export async function revealClosedPeriods(sequencer: Sequencer, issuer: Issuer, log: Logger): Promise<string[]> {
  const state = sequencer.engine.state;
  const org = state.org?.id;
  if (!org) return [];
  const now = sequencer.clock();
  const due = [...periods(state).values()].filter((p) => p.revealedKey === undefined && p.closesAt <= now.toISOString() && issuer.publicKey(org, p.id) === p.publicKey);
  const revealed: string[] = [];
  for (const p of due) {
    const act = new MemberSigner(org, ANONYMOUS, generateKeyPair()).act('report.token-key-reveal', { period: p.id, secretKey: b64u(issuer.keyPair(org, p.id).secretKey) }, { issuedAt: now });
    const result = await sequencer.submit(act);
    if (result.ok) {
      revealed.push(p.id);
      log.info('token period key revealed', { period: p.id, index: result.index });
    } else if (result.refusal.code !== 'report.key_revealed') {
      log.warn('token period key not revealed', { period: p.id, code: result.refusal.code, message: result.refusal.message });
    }
  }
  return revealed;
}

/** Looks for closed periods now and every `everyMs`, one look at a time; `stop` ends it once the look in flight is done. */
export function startRevealing(sequencer: Sequencer, issuer: Issuer, log: Logger, everyMs = REVEAL_EVERY_MS): { stop: () => Promise<void> } {
  let inFlight: Promise<unknown> | null = null;
  let stopped = false;
  const look = () => {
    if (inFlight || stopped) return;
    inFlight = revealClosedPeriods(sequencer, issuer, log)
      .catch((error: unknown) => log.warn('token period key reveal failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (inFlight = null));
  };
  const timer = setInterval(look, everyMs);
  timer.unref();
  look();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
