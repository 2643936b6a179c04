// Tracing a leaked text in the browser: the same pure `trace` as `collegium trace`, run on what
// the user pastes (the seed and the recipients are held by those entitled; nothing leaves this
// page). Shows the slots read, the threshold and the ranking with each recipient's bound.
import { useState } from 'preact/hooks';
import type { TraceResult, VariantDocument } from '../../../../src/fingerprint/index.js';
import { Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Fingerprint } from './variants-editor.js';

const value = (e: Event) => (e.target as HTMLInputElement).value;
const exp = (x: number) => (x === 0 ? '0' : x >= 0.001 ? x.toPrecision(2) : x.toExponential(1));

/** A seed in hex, of at least 16 bytes, or null. */
export function seedFromHex(text: string): Uint8Array | null {
  const hex = text.trim();
  if (!/^(?:[0-9a-fA-F]{2}){16,}$/.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

/** The trace form; `document` is the checked document of the editor above, or null while it breaks a rule. */
export function TraceForm({ fingerprint, document }: { fingerprint: Fingerprint; document: VariantDocument | null }) {
  const [seed, setSeed] = useState('');
  const [recipients, setRecipients] = useState('');
  const [leak, setLeak] = useState('');
  const [epsilon, setEpsilon] = useState(String(fingerprint.DEFAULT_EPSILON));
  const [result, setResult] = useState<TraceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (e: Event) => {
    e.preventDefault();
    setResult(null);
    setError(null);
    const bytes = seedFromHex(seed);
    if (!bytes) return setError(t('tracing.badSeed'));
    const list = recipients.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    try {
      setResult(fingerprint.trace(leak, document!, bytes, list, { epsilon: Number(epsilon) }));
    } catch (err) {
      if (err instanceof fingerprint.TraceInputError) setError(`${err.message} (${err.code})`);
      else throw err;
    }
  };
  return (
    <Section id="trace-title" title={t('tracing.traceTitle')}>
      <p>{t('tracing.traceIntro')}</p>
      <form onSubmit={run}>
        <label>
          {t('tracing.seed')}
          <input data-trace-seed value={seed} autocomplete="off" spellcheck={false} onInput={(e) => setSeed(value(e))} />
        </label>
        <label>
          {t('tracing.recipients')}
          <textarea data-trace-recipients value={recipients} rows={4} onInput={(e) => setRecipients(value(e))} />
        </label>
        <label>
          {t('tracing.leak')}
          <textarea data-trace-leak value={leak} rows={6} onInput={(e) => setLeak(value(e))} />
        </label>
        <label>
          {t('tracing.epsilon')}
          <input data-trace-epsilon value={epsilon} inputMode="decimal" onInput={(e) => setEpsilon(value(e))} />
        </label>
        <button type="submit" disabled={!document || leak.trim() === ''}>{t('tracing.run')}</button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {result ? <TraceReport result={result} /> : null}
    </Section>
  );
}

function TraceReport({ result }: { result: TraceResult }) {
  return (
    <div role="status" data-trace-accused={result.accused.map((s) => s.recipient).join(',')}>
      <p>
        {t('tracing.readSlots', { count: result.readings.length })}{' '}
        {Number.isFinite(result.threshold) ? t('tracing.threshold', { threshold: result.threshold.toFixed(2), epsilon1: exp(result.epsilon1) }) : t('tracing.noThreshold')}
      </p>
      <p>
        <strong>{result.accused.length > 0 ? t('tracing.accused', { names: result.accused.map((s) => s.recipient).join(', ') }) : t('tracing.nobody')}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('tracing.rank')}</th>
            <th scope="col">{t('tracing.recipient')}</th>
            <th scope="col">{t('tracing.score')}</th>
            <th scope="col">{t('tracing.matched')}</th>
            <th scope="col">{t('tracing.bound')}</th>
          </tr>
        </thead>
        <tbody>
          {result.ranking.slice(0, 10).map((s, i) => (
            <tr key={s.recipient} data-suspect={s.recipient} class={s.accused ? 'accused' : undefined}>
              <td>{i + 1}</td>
              <td>
                {s.recipient}
                {s.accused ? <strong> ({t('tracing.accusedMark')})</strong> : null}
              </td>
              <td>{s.score.toFixed(2)}</td>
              <td>{`${s.matches}/${result.readings.length}`}</td>
              <td>{exp(s.falseAccusation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
