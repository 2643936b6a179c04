// Signing and sending an act from a view: the act is signed in this browser with the member's
// current key (plus any co-signing keys), and a refusal is kept to be shown with its message.
// An act's type and body are typed by the engine's registry (`ActBody<T>`): a misspelt act type
// or body field fails the type check here, not at the server.
import { useState } from 'preact/hooks';
import type { ActBody, ActType } from '../../src/governance/kernel/registry.js';
import { postAct, RefusedError, type Receipt } from './api.js';
import { currentKey, signAct, type DeviceKey, type Identity } from './keys.js';

export interface ActOutcome {
  ok: boolean;
  message: string;
  code?: string;
}

export function useAct(identity: Identity | null) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActOutcome | null>(null);
  /** Signs and sends an act of `type`; its body is typed by the engine's schema for that type. */
  async function send<T extends ActType>(type: T, body: ActBody<T>, cosigners: DeviceKey[] = [], as?: { member: string; key: DeviceKey; org: string }): Promise<Receipt | null> {
    const signer = as ?? (identity ? { member: identity.member, key: currentKey(identity), org: identity.org } : null);
    if (!signer) return null;
    setBusy(true);
    setOutcome(null);
    try {
      const act = await signAct(signer.org, signer.member, signer.key, type, body, cosigners);
      const receipt = await postAct(act);
      setOutcome({ ok: true, message: String(receipt.index) });
      return receipt;
    } catch (error) {
      if (error instanceof RefusedError) setOutcome({ ok: false, code: error.code, message: error.message });
      else setOutcome({ ok: false, message: error instanceof Error ? error.message : String(error) });
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { send, busy, outcome, setOutcome };
}
