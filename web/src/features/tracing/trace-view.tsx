// The tracing view (/trace; docs/TRACING.md): mark the variants of a closed document, and trace a
// leaked text to the copies it came from. Both run in the browser on what the user holds; the
// server mode (the document and the delivery list fetched as an entitled member) is to come.
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { TraceForm } from './trace-form.js';
import { checkDocument, VariantsEditor } from './variants-editor.js';

/** The tracing view: the variants editor above, the trace form below, sharing the document. */
export function TraceView(_: ViewProps) {
  const [markup, setMarkup] = useState('');
  const checked = useMemo(() => checkDocument(markup), [markup]);
  return (
    <>
      <h1>{t('tracing.title')}</h1>
      <p>{t('tracing.intro')}</p>
      <VariantsEditor markup={markup} setMarkup={setMarkup} />
      <TraceForm document={'document' in checked ? checked.document : null} />
    </>
  );
}
