// Marking variants (docs/TRACING.md, "Marking variants"): the document in its markup, checked as
// it is typed by the same parser the CLI and the server use, and a helper that turns a sentence
// into a slot: pick one of the sentences that has no variants yet, write equivalent wordings of
// it, and the markup {{sentence||wording||…}} replaces it in the document.
import { useMemo, useState } from 'preact/hooks';
import type { MarkupError, VariantDocument } from '../../../../src/fingerprint/index.js';
import { Section } from '../../components/common.js';
import { t } from '../../i18n.js';

/** src/fingerprint, loaded lazily by the view. */
export type Fingerprint = typeof import('../../../../src/fingerprint/index.js');

const value = (e: Event) => (e.target as HTMLInputElement).value;
/** Markup characters a wording must escape to stay literal. */
const escape = (text: string) => text.replace(/[\\{}|]/g, (c) => `\\${c}`);

/** The document parsed, or the rule it breaks. */
export function checkDocument(fingerprint: Fingerprint, markup: string): { document: VariantDocument } | { error: MarkupError } {
  try {
    return { document: fingerprint.parseVariants(markup) };
  } catch (error) {
    if (error instanceof fingerprint.MarkupError) return { error };
    throw error;
  }
}

/** Sentences of the fixed text (outside slots) that appear once in the markup as written. */
function freeSentences(markup: string, document: VariantDocument): string[] {
  const found: string[] = [];
  for (const part of document.parts) {
    if (part.kind !== 'text') continue;
    for (const m of part.text.matchAll(/[^.!?\n]*\p{L}[^.!?\n]*[.!?]+/gu)) {
      const sentence = m[0].trim();
      const at = markup.indexOf(sentence);
      if (sentence.length > 3 && at >= 0 && markup.indexOf(sentence, at + 1) < 0) found.push(sentence);
    }
  }
  return found;
}

/** The document's textarea, its check, and the sentence-to-slot helper. */
export function VariantsEditor({ fingerprint, markup, setMarkup }: { fingerprint: Fingerprint; markup: string; setMarkup: (m: string) => void }) {
  const checked = useMemo(() => checkDocument(fingerprint, markup), [markup]);
  const [picked, setPicked] = useState('');
  const [wordings, setWordings] = useState('');
  const sentences = 'document' in checked ? freeSentences(markup, checked.document) : [];
  const lines = wordings.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const add = (e: Event) => {
    e.preventDefault();
    const candidate = markup.replace(picked, `{{${escape(picked)}||${lines.map(escape).join('||')}}}`);
    setMarkup(candidate);
    setPicked('');
    setWordings('');
  };
  return (
    <Section id="mark-title" title={t('tracing.markTitle')}>
      <p>{t('tracing.markIntro', { example: '{{original||variant||…}}' })}</p>
      <label>
        {t('tracing.document')}
        <textarea data-variant-document value={markup} rows={10} onInput={(e) => setMarkup(value(e))} />
      </label>
      {'document' in checked ? (
        <p role="status" data-variant-status="valid">{t('tracing.valid', { count: checked.document.slots.length })}</p>
      ) : (
        <p role="alert" data-variant-status={checked.error.code}>{t('tracing.invalid', { message: checked.error.message, code: checked.error.code })}</p>
      )}
      {sentences.length > 0 ? (
        <form onSubmit={add}>
          <label>
            {t('tracing.sentences')}
            <select data-variant-sentence value={picked} onChange={(e) => setPicked(value(e))}>
              <option value="">{t('tracing.pick')}</option>
              {sentences.map((s) => (
                <option key={s} value={s}>{s}</option>
              ))}
            </select>
          </label>
          {picked ? (
            <>
              <p>
                {t('tracing.original')}: <q>{picked}</q>
              </p>
              <label>
                {t('tracing.wordings')}
                <textarea data-variant-wordings value={wordings} rows={3} aria-describedby="wordings-hint" onInput={(e) => setWordings(value(e))} />
              </label>
              <small id="wordings-hint">{t('tracing.wordingsHint')}</small>
              <button type="submit" disabled={lines.length === 0}>{t('tracing.add')}</button>
            </>
          ) : null}
        </form>
      ) : null}
    </Section>
  );
}
