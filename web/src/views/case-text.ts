// How a disciplinary case and its sanction read in the member's language: shared by the
// safeguards view, the case view, its forms and the member page.
import { t } from '../i18n.js';
import type { Case } from '../safeguards-data.js';

/** The case's state in one phrase: in progress, dismissed, or the sanction decided. */
export function caseState(c: Case): string {
  if (!c.decision) return t('cases.inProgress');
  if (c.decision.outcome === 'dismissed') return t('cases.dismissed');
  return t('cases.sanctioned', { sanction: sanctionText(c.decision.sanction) });
}

/** A sanction as words, with its days when it has any; a dash for none. */
export function sanctionText(s: { kind: string; days?: number } | null): string {
  if (!s) return '—';
  const known = ['warning', 'reprimand', 'suspension', 'expulsion'];
  const label = known.includes(s.kind) ? t(`sanction.${s.kind}`) : s.kind;
  return s.days ? t('sanction.forDays', { sanction: label, count: s.days }) : label;
}
