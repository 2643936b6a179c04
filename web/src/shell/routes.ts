// The app's views, by path. The server answers index.html for any path that is not the API,
// so each view has a real URL; the client routes on it (history API).
import type { TranslationKey } from '../i18n.js';

interface Route {
  path: string;
  /** Translation key of the view's name in the navigation. */
  label: TranslationKey;
  /** Shown in the main navigation (a projector is opened on purpose, not from a phone's menu). */
  nav: boolean;
}

/** The views with a fixed path, in the order of the navigation. */
export const ROUTES: Route[] = [
  { path: '/', label: 'nav.delegate', nav: true },
  { path: '/record', label: 'nav.record', nav: true },
  { path: '/acts', label: 'nav.myActs', nav: true },
  { path: '/keys', label: 'nav.keys', nav: true },
  { path: '/safeguards', label: 'nav.safeguards', nav: true },
  { path: '/index', label: 'nav.index', nav: true },
  { path: '/reports', label: 'reports.nav', nav: true },
  { path: '/elections', label: 'nav.elections', nav: true },
  { path: '/units', label: 'federation.nav', nav: true },
  { path: '/branch', label: 'federation.myBranch', nav: false },
  { path: '/minutes', label: 'nav.minutes', nav: true },
  { path: '/preside', label: 'nav.preside', nav: false },
  { path: '/projector', label: 'nav.projector', nav: false },
  { path: '/trace', label: 'tracing.nav', nav: false },
  { path: '/apply', label: 'nav.apply', nav: false },
];

/** Pages with an id in their path: a case, a member, an election, a unit, a conference. */
export const PARAM_ROUTES: { prefix: string; label: TranslationKey }[] = [
  { prefix: '/cases/', label: 'nav.case' },
  { prefix: '/members/', label: 'nav.member' },
  { prefix: '/elections/', label: 'nav.election' },
  { prefix: '/units/', label: 'federation.unit' },
  { prefix: '/conferences/', label: 'federation.apportionment' },
];

/** The path of the view to show: the location's, or / when no view has it. */
export function currentPath(): string {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (PARAM_ROUTES.some((r) => path.startsWith(r.prefix) && path.length > r.prefix.length)) return path;
  return ROUTES.some((r) => r.path === path) ? path : '/';
}

/** The id in a path like /cases/d12, decoded. */
export function paramOf(path: string, prefix: string): string {
  return decodeURIComponent(path.slice(prefix.length));
}

/** Goes to `path` in the app without reloading the page. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}
