// The shell: skip link, header with navigation and language switcher, the current view in
// <main>, the connection state announced politely. Views get the live state and the identity.
import { useEffect, useRef, useState } from 'preact/hooks';
import { DelegateView } from '../features/delegate/delegate-view.js';
import { ElectionView } from '../features/elections/election-view.js';
import { ElectionsView } from '../features/elections/elections-view.js';
import { ApportionmentView } from '../features/federation/apportionment-view.js';
import { BranchView } from '../features/federation/branch-view.js';
import { UnitPage } from '../features/federation/unit-view.js';
import { UnitsView } from '../features/federation/units-view.js';
import { IndexView } from '../features/index-dashboard/index-view.js';
import { KeysView } from '../features/keys/keys-view.js';
import { ApplyView } from '../features/keys/apply-view.js';
import { MemberView } from '../features/members/member-view.js';
import { MinutesView } from '../features/minutes/minutes-view.js';
import { MyActsView } from '../features/my-acts/my-acts-view.js';
import { PresideView } from '../features/preside/preside-view.js';
import { ProjectorView } from '../features/projector/projector-view.js';
import { RecordView } from '../features/record/record-view.js';
import { ReleaseBadge } from '../features/release/release-badge.js';
import { ReportsView } from '../features/reports/reports-view.js';
import { CaseView } from '../features/safeguards/case-view.js';
import { TraceView } from '../features/tracing/trace-view.js';
import { SafeguardsView } from '../features/safeguards/safeguards-view.js';
import { i18n, LANGUAGES, setLanguage, t, type Language } from '../i18n.js';
import { loadIdentity, type Identity } from '../keys.js';
import { CONNECTION } from '../labels.js';
import { forgetOpenedUnlessFor } from '../components/session/sealed.js';
import type { Live } from '../live.js';
import { currentPath, navigate, PARAM_ROUTES, paramOf, ROUTES } from './routes.js';
import type { ViewProps } from './view-props.js';

/** The whole app: the shell around the view of the current path. */
export function App({ live }: { live: Live }) {
  const [state, setState] = useState(live.state);
  const [path, setPath] = useState(currentPath());
  const [lang, setLang] = useState(i18n.language);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => live.subscribe(() => setState(live.state)), [live]);
  useEffect(() => {
    const onPop = () => setPath(currentPath());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    const org = state.org?.id;
    if (org) void loadIdentity(org).then(setIdentity);
  }, [state.org?.id]);
  useEffect(() => {
    const route = ROUTES.find((r) => r.path === path) ?? PARAM_ROUTES.find((r) => path.startsWith(r.prefix));
    document.title = `${route ? t(route.label) : ''} — ${state.org?.name ?? 'Collegium'}`;
    // After navigating, move focus to the new content so that keyboard and screen reader users start there.
    if (!first.current) main.current?.focus();
    first.current = false;
    // On a phone the navigation scrolls in its own strip: keep the current view's link in sight.
    const current = document.querySelector<HTMLElement>('#app > header nav a[aria-current]');
    const strip = current?.closest('ul');
    if (current && strip) strip.scrollLeft = current.offsetLeft - strip.offsetLeft - 16;
  }, [path, lang, state.org?.name]);

  // Texts of a closed session opened for one member are not shown to the next one on this tab.
  forgetOpenedUnlessFor(identity?.member ?? null);
  const props: ViewProps = { live, state, identity, setIdentity };
  const view =
    path === '/record' ? <RecordView {...props} /> :
    path === '/acts' ? <MyActsView {...props} /> :
    path === '/keys' ? <KeysView {...props} /> :
    path === '/apply' ? <ApplyView {...props} /> :
    path === '/safeguards' ? <SafeguardsView {...props} /> :
    path === '/index' ? <IndexView {...props} /> :
    path === '/reports' ? <ReportsView {...props} /> :
    path.startsWith('/cases/') ? <CaseView key={path} {...props} id={paramOf(path, '/cases/')} /> :
    path.startsWith('/members/') ? <MemberView key={path} {...props} id={paramOf(path, '/members/')} /> :
    path === '/elections' ? <ElectionsView {...props} /> :
    path === '/minutes' ? <MinutesView {...props} /> :
    path.startsWith('/elections/') ? <ElectionView key={path} {...props} id={paramOf(path, '/elections/')} /> :
    path === '/units' ? <UnitsView {...props} /> :
    path === '/branch' ? <BranchView {...props} /> :
    path.startsWith('/units/') ? <UnitPage key={path} {...props} id={paramOf(path, '/units/')} /> :
    path.startsWith('/conferences/') ? <ApportionmentView key={path} {...props} id={paramOf(path, '/conferences/')} /> :
    path === '/preside' ? <PresideView {...props} /> :
    path === '/projector' ? <ProjectorView {...props} /> :
    path === '/trace' ? <TraceView {...props} /> :
    <DelegateView {...props} />;

  // The hall projector: the view alone, full screen, no navigation chrome.
  if (path === '/projector') {
    return (
      <main id="main" ref={main} tabIndex={-1} class="projector-main-wrap">
        {state.loaded ? view : <p aria-busy="true">{t('app.loading')}</p>}
      </main>
    );
  }

  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <strong>{state.org?.name ?? 'Collegium'}</strong>
            </li>
          </ul>
          <ul>
            {ROUTES.filter((r) => r.nav).map((r) => (
              <li key={r.path}>
                <a
                  href={r.path}
                  aria-current={r.path === path ? 'page' : r.path === '/safeguards' && path.startsWith('/cases/') ? 'location' : r.path === '/units' && (path === '/branch' || path.startsWith('/units/') || path.startsWith('/conferences/')) ? 'location' : undefined}
                  onClick={(e) => {
                    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    navigate(r.path);
                  }}
                >
                  {t(r.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="header-bar">
          <label>
            {t('app.language')}{' '}
            <select
              value={lang}
              onChange={(e) => {
                const next = (e.target as HTMLSelectElement).value as Language;
                void setLanguage(next).then(() => setLang(next));
              }}
            >
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <p role="status" class={`connection ${state.connection}`} data-connection={state.connection}>
            {t(CONNECTION[state.connection])}
            {identity ? ` · ${t('app.actingAs', { member: identity.member })}` : ''}
          </p>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {state.loaded ? view : <p aria-busy="true">{t('app.loading')}</p>}
      </main>
      <footer>
        <p>
          {state.org ? t('app.footer', { org: state.org.id, size: state.last + 1 }) : t('app.notFounded')}
        </p>
        {state.org ? <ReleaseBadge /> : null}
      </footer>
    </>
  );
}
