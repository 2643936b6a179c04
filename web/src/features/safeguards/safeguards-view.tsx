// The safeguards as every member sees them (docs/SAFEGUARDS.md): recalls, collective acts,
// disciplinary cases and the register of rehabilitations, each in its own file of this folder.
import { AppLink } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { ViewProps } from '../../shell/view-props.js';
import { Cases, Rehabilitations } from './cases.js';
import { Collective } from './collective.js';
import { Recalls } from './recalls.js';

/** The safeguards view (/safeguards): recalls, collective acts, cases and rehabilitations. */
export function SafeguardsView(props: ViewProps) {
  const { state } = props;
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  return (
    <>
      <h1>{t('safeguards.title')}</h1>
      <p>{t('safeguards.intro')}</p>
      <nav aria-label={t('safeguards.sections')}>
        <ul class="inline">
          <li><a href="#recalls-title">{t('recalls.title')}</a></li>
          <li><a href="#cases-title">{t('cases.title')}</a></li>
          <li><a href="#rehab-title">{t('rehab.title')}</a></li>
          <li><a href="#collective-title">{t('collective.title')}</a></li>
          <li><AppLink href="/index">{t('index.title')}</AppLink></li>
        </ul>
      </nav>
      <Recalls {...props} />
      <Cases {...props} />
      <Rehabilitations {...props} />
      <Collective {...props} />
    </>
  );
}
