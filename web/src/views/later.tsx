// Views that come with congress sessions (issue 3): the presiding body's view (everything
// procedural, every act on the record) and the hall projector's full-screen view (current item,
// speaker and timer, results). Their routes exist so that links to them stay stable.
import { t } from '../i18n.js';

function Planned({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
    </>
  );
}

export function PresideView() {
  return <Planned title={t('nav.preside')} text={t('later.preside')} />;
}

export function ProjectorView() {
  return <Planned title={t('nav.projector')} text={t('later.projector')} />;
}
