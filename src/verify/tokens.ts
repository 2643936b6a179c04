// What `collegium verify` checks of anonymous reports' tokens beyond the engine (docs/REPORTS.md,
// "What verify checks, and what it trusts"). The engine checks, from the record alone, that a
// token is spent once, within its period, and never beyond the tokens issued; that a token's
// output is the PRF of its input (RFC 9497 Evaluate) only the key holder can check, so the
// server does it before it appends. Once a period has closed and its secret key is on the record
// (`report.token-key-reveal`), anyone can: this collects every redeemed token as the replay
// passes it, and checks those of each revealed period against its key; a token that fails was
// appended by a key holder that did not check it, and fails the verification at its entry as the
// key holder's own refusal (`report.token_invalid`) would have. The tokens of a period whose key
// is not revealed yet are reported as trusted to the issuer.
import type { Entry } from '../acts/envelope.js';
import { forgedTokens } from '../governance/reports/poprf-fast.js';
import { periods } from '../governance/reports/model.js';
import { suiteInfo, unb64u } from '../governance/reports/tokens.js';
import type { State } from '../governance/kernel/state.js';
import { invalid } from './report.js';

/** One token period as verify found it: how many tokens were redeemed, and whether they were checked under its revealed key. */
export interface TokenPeriodFinding {
  period: string;
  redeemed: number;
  /** `checked`: every redeemed token was re-computed under the revealed key; `trusted`: the key is not on the record yet, so the issuer's check stands. */
  status: 'checked' | 'trusted';
}

interface Redeemed {
  entry: number;
  input: string;
  output: string;
}

/** The redeemed tokens of the record, by period, as the replay applies their entries. */
export class RedeemedTokens {
  readonly #byPeriod = new Map<string, Redeemed[]>();

  /** Notes the token of an applied (so accepted) entry, if it is an anonymous report. */
  note(index: number, entry: Entry): void {
    if (entry.act.type !== 'report.file') return;
    const token = (entry.act.body as { token?: { period: string; input: string; output: string } } | null)?.token;
    if (!token) return;
    let list = this.#byPeriod.get(token.period);
    if (!list) this.#byPeriod.set(token.period, (list = []));
    list.push({ entry: index, input: token.input, output: token.output });
  }

  /**
   * Checks the tokens of every period whose key the state shows revealed; throws a VerifyFailure
   * at the first entry whose token is not the PRF of its input. Returns what was found, by period.
   */
  check(state: State): TokenPeriodFinding[] {
    const org = state.org?.id ?? '';
    const findings: TokenPeriodFinding[] = [];
    let first: { entry: number; period: string } | null = null;
    for (const p of periods(state).values()) {
      const tokens = this.#byPeriod.get(p.id) ?? [];
      if (p.revealedKey === undefined) {
        findings.push({ period: p.id, redeemed: tokens.length, status: 'trusted' });
        continue;
      }
      const forged = forgedTokens(unb64u(p.revealedKey), suiteInfo(org), tokens.map((t) => ({ input: unb64u(t.input), output: unb64u(t.output) })));
      for (const i of forged) {
        const entry = tokens[i]!.entry;
        if (first === null || entry < first.entry) first = { entry, period: p.id };
      }
      findings.push({ period: p.id, redeemed: tokens.length, status: 'checked' });
    }
    if (first) {
      const message = `The token's output is not the PRF of its input under period ${first.period}'s secret key, revealed on the record: it was not issued, and the key holder appended it unchecked.`;
      throw invalid(`entry ${first.entry}: refused: report.token_invalid: ${message}`, { entry: first.entry, code: 'report.token_invalid' });
    }
    return findings;
  }
}
