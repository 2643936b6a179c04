// Pieces the safeguards' forms share (features/safeguards): hashing a payload
// in this browser (only its SHA-256 goes on the record, the text or file stays on the device),
// the statute as the forms need it (articles, the safeguards in force with the model's for any
// part left out), and who sits in which body now.
import { useEffect, useState } from 'preact/hooks';
import { safeguardsOf } from '../../../src/constitution/safeguards.js';
import type { Constitution } from '../../../src/constitution/schema.js';
import { t } from '../i18n.js';
import { useJson } from '../safeguards-data.js';
import type { ViewProps } from '../shell/view-props.js';

/** SHA-256 of `data` (UTF-8 for text), lowercase hex, by WebCrypto. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The constitution in force, whole (its articles included), and the safeguards it resolves to. */
export function useStatute(last: number): { constitution: Constitution; safeguards: ReturnType<typeof safeguardsOf> } | null {
  const constitution = useJson<{ constitution: Constitution }>('/api/constitution', last).data?.constitution ?? null;
  if (!constitution) return null;
  return { constitution, safeguards: safeguardsOf(constitution) };
}

/** Whether `member` sits in `body` now, as the live state shows it. */
export function sitsIn(state: ViewProps['state'], body: string, member: string | null | undefined): boolean {
  return !!member && (state.bodies.find((b) => b.id === body)?.members.includes(member) ?? false);
}

/** A body's name as the organization wrote it, or its id when the body is unknown. */
export const bodyNameOf = (state: ViewProps['state'], body: string) => state.bodies.find((b) => b.id === body)?.name ?? body;

/**
 * A confidential payload given as a text typed here or a file chosen here; `onHash` receives its
 * SHA-256 (null while empty). Neither the text nor the file leaves the browser.
 */
export function PayloadField({ id, label, hint, required, onHash }: { id: string; label: string; hint?: string; required?: boolean; onHash: (hash: string | null) => void }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [hash, setHash] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const source = file ? file.arrayBuffer().then((b) => new Uint8Array(b)) : Promise.resolve(text.trim() ? text : null);
    void source.then(async (data) => {
      const h = data === null ? null : await sha256Hex(data);
      if (!live) return;
      setHash(h);
      onHash(h);
    });
    return () => void (live = false);
  }, [text, file]);
  return (
    <fieldset class="payload">
      <legend>{label}</legend>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      <label>
        {t('forms.payloadText')}
        <textarea id={`${id}-text`} rows={3} value={text} disabled={file !== null} required={required && file === null} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label>
        {t('forms.payloadFile')}
        <input id={`${id}-file`} type="file" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
      </label>
      <p class="hint">
        {t('forms.payloadStays')}{' '}
        {hash ? <>{t('forms.payloadHash')} <output data-hash={hash}><code class="hash">{hash}</code></output></> : null}
      </p>
    </fieldset>
  );
}
