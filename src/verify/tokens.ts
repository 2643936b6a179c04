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
import { siblingModule, startWorker } from '../acts/worker-thread.js';
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
   * Checks the tokens of every period whose key the state shows revealed, in `workers` threads
   * when there are many (a token costs one scalar multiplication, some 200 µs); throws a
   * VerifyFailure at the first entry whose token is not the PRF of its input. Returns what was
   * found, by period.
   */
  async check(state: State, options: { workers?: number; inlineBelow?: number } = {}): Promise<TokenPeriodFinding[]> {
    const org = state.org?.id ?? '';
    const findings: TokenPeriodFinding[] = [];
    let first: { entry: number; period: string } | null = null;
    for (const p of periods(state).values()) {
      const tokens = this.#byPeriod.get(p.id) ?? [];
      if (p.revealedKey === undefined) {
        findings.push({ period: p.id, redeemed: tokens.length, status: 'trusted' });
        continue;
      }
      const bytes = tokens.map((t) => ({ input: unb64u(t.input), output: unb64u(t.output) }));
      const secretKey = unb64u(p.revealedKey);
      const workers = options.workers ?? 1;
      const forged = bytes.length < (options.inlineBelow ?? INLINE_BELOW) || workers <= 1
        ? forgedTokens(secretKey, suiteInfo(org), bytes)
        : await forgedTokensParallel(secretKey, suiteInfo(org), bytes, workers);
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

/** Below this many tokens of a period, starting worker threads costs more than it saves. */
const INLINE_BELOW = 2_000;
/** Tokens per message: at most some 0.2 s of work, and several chunks per thread, so that the threads finish together. */
const chunkSize = (tokens: number, workers: number) => Math.max(100, Math.min(1_000, Math.ceil(tokens / (workers * 4))));

/** `forgedTokens` over chunks that `workers` threads take as they finish; positions in `tokens`. */
async function forgedTokensParallel(secretKey: Uint8Array, info: Uint8Array, tokens: { input: Uint8Array; output: Uint8Array }[], workers: number): Promise<number[]> {
  const forged: number[] = [];
  const CHUNK = chunkSize(tokens.length, workers);
  let next = 0;
  const thread = async (): Promise<void> => {
    const worker = startWorker(siblingModule(import.meta.url, 'token-worker'));
    try {
      for (let from = next; from < tokens.length; from = next) {
        next = from + CHUNK;
        const chunk = tokens.slice(from, from + CHUNK);
        const reply = await new Promise<{ forged?: number[]; error?: string }>((resolve, reject) => {
          const done = () => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          };
          const onMessage = (m: { forged?: number[]; error?: string }) => (done(), resolve(m));
          const onError = (error: Error) => (done(), reject(error));
          const onExit = () => (done(), reject(new Error('a token worker stopped')));
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          worker.postMessage({ id: from, secretKey, info, tokens: chunk });
        });
        if (reply.error !== undefined || !reply.forged) throw new Error(`a token worker failed: ${reply.error ?? 'no answer'}`);
        for (const i of reply.forged) forged.push(from + i);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, Math.ceil(tokens.length / CHUNK)) }, thread));
  return forged.sort((a, b) => a - b);
}
