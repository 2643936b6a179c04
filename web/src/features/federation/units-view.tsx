// The organization's tree (/units): every unit as a nested list, each with its members in good
// standing (in the unit itself, and with the units below it), a link to the unit's page; the
// conferences with their apportionment tables; a link to the member's own branch.
// Nested lists of links: a screen reader announces each level and its size, and the keyboard
// goes through them in order with Tab (docs/WEB.md, "Accessibility").
import { AppLink, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { useJson } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { conferencePath, ROOT_UNIT, unitPath, type ApportionmentTable, type UnitView } from './federation-data.js';

/** The tree view of the organization's units. */
export function UnitsView({ state, identity }: ViewProps) {
  const tree = useJson<{ items: UnitView[] }>('/api/units', state.last);
  const confs = useJson<{ items: ApportionmentTable[] }>('/api/conferences', state.last).data?.items ?? [];
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  if (tree.error) return <p role="alert">{tree.error}</p>;
  const units = tree.data?.items;
  const byId = new Map((units ?? []).map((u) => [u.id, u]));
  const root = byId.get(ROOT_UNIT);
  const merged = (units ?? []).filter((u) => u.status === 'merged');
  return (
    <>
      <h1>{t('federation.title')}</h1>
      <p>{t('federation.intro')}</p>
      {identity ? <p><AppLink href="/branch">{t('federation.myBranchLink')}</AppLink></p> : null}
      <Section id="units-tree" title={t('federation.tree')}>
        {!root ? <p aria-busy="true">{t('app.loading')}</p> : (
          <nav aria-labelledby="units-tree" class="unit-tree">
            <ul>
              <UnitItem unit={root} byId={byId} />
            </ul>
          </nav>
        )}
        {merged.length > 0 ? (
          <p class="meta">{t('federation.mergedUnits', { units: merged.map((u) => t('federation.mergedInto', { unit: u.name, into: byId.get(u.mergedInto ?? '')?.name ?? u.mergedInto ?? '' })).join('; ') })}</p>
        ) : null}
      </Section>
      <Section id="units-conferences" title={t('federation.conferences')}>
        {confs.length === 0 ? <p>{t('federation.noConference')}</p> : (
          <ul>
            {confs.map((c) => (
              <li key={c.conference} data-conference={c.conference}>
                <AppLink href={conferencePath(c.conference)}>{c.title}</AppLink>{' '}
                <span class="meta">{t('federation.conferenceLine', { seats: c.seats, unit: byId.get(c.unit)?.name ?? c.unit, cutoff: c.cutoff.slice(0, 10) })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** One unit of the tree and, nested, the units below it. */
function UnitItem({ unit, byId }: { unit: UnitView; byId: Map<string, UnitView> }) {
  const children = unit.children.map((c) => byId.get(c)).filter((c): c is UnitView => c !== undefined);
  return (
    <li data-unit={unit.id} data-members={unit.total}>
      <AppLink href={unitPath(unit.id)}>{unit.name}</AppLink>{' '}
      <span class="unit-count">
        {children.length > 0 ? t('federation.membersBelow', { count: unit.total, own: unit.members }) : t('federation.members', { count: unit.total })}
      </span>
      {children.length > 0 ? (
        <ul aria-label={t('federation.below', { unit: unit.name })}>
          {children.map((c) => <UnitItem key={c.id} unit={c} byId={byId} />)}
        </ul>
      ) : null}
    </li>
  );
}
