// The tracing view (/trace; docs/TRACING.md): mark the variants of a closed document, and trace a
// leaked text to the copies it came from. Both run in the browser on what the user holds; the
// server mode (the document and the delivery list fetched as an entitled member) is to come.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { TraceForm } from './trace-form.js';
import { checkDocument, VariantsEditor, type Fingerprint } from './variants-editor.js';

/** The tracing view: the variants editor above, the trace form below, sharing the document. */
export function TraceView(_: ViewProps) {
  // The module is loaded only here (its own chunk): few open this view, every delegate loads the app.
  const [fingerprint, setFingerprint] = useState<Fingerprint | null>(null);
  useEffect(() => void import('../../../../src/fingerprint/index.js').then(setFingerprint), []);
  if (!fingerprint) return <p aria-busy="true">{t('app.loading')}</p>;
  return <Loaded fingerprint={fingerprint} />;
}

function Loaded({ fingerprint }: { fingerprint: Fingerprint }) {
  const [markup, setMarkup] = useState('');
  const checked = useMemo(() => checkDocument(fingerprint, markup), [markup]);
  return (
    <>
      <h1>{t('tracing.title')}</h1>
      <p>{t('tracing.intro')}</p>
      <VariantsEditor fingerprint={fingerprint} markup={markup} setMarkup={setMarkup} />
      <TraceForm fingerprint={fingerprint} document={'document' in checked ? checked.document : null} />
    </>
  );
}
