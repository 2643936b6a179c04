// Submitting a signed act and reporting the receipt or the refusal (used by `act` and `found`).
import { refusalCatalog } from '../governance/kernel/engine.js';
import { CliError, EXIT, postJson } from './common.js';

/** A receipt as the CLI reports it. */
export interface ReceiptView {
  index: number;
  time: string;
  events?: { type: string }[];
  [key: string]: unknown;
}

/** What submitting an act came to: its receipt, or the refusal's code and message. */
export type Submission = { ok: true; receipt: ReceiptView } | { ok: false; code: string; message: string };

/** POSTs a signed act to a server; the engine's refusal is a result, any other error of the request a CliError. */
export async function submitAct(server: string, act: unknown): Promise<Submission> {
  const result = await postJson(`${server}/api/acts`, act);
  if (result.ok) return { ok: true, receipt: result.body as ReceiptView };
  // Only the engine's refusals are "act refused" (exit 3); anything else the server says is an error of the request.
  if (result.error.code in refusalCatalog || result.error.code === 'record.wrong_log_key') return { ok: false, ...result.error };
  throw new CliError(EXIT.usage, `the server did not take the act: ${result.error.code}: ${result.error.message}`);
}

/** Prints a receipt (exit 0) or `refused: <code>: <message>` on stderr (exit 3). */
export function printSubmission(result: Submission, json: boolean): number {
  if (!result.ok) {
    if (json) process.stdout.write(JSON.stringify({ ok: false, refusal: { code: result.code, message: result.message } }) + '\n');
    process.stderr.write(`refused: ${result.code}: ${result.message}\n`);
    return EXIT.refused;
  }
  const r = result.receipt;
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
  } else {
    const events = (r.events ?? []).map((e) => e.type).join(', ');
    process.stdout.write(`accepted: entry ${r.index} at ${r.time}${events ? `\nevents: ${events}` : ''}\n`);
  }
  return EXIT.ok;
}
