// A unit's page (/units/<id>): where it sits in the tree, its members, its bodies and officers,
// its delegate elections to each conference (linked to the elections view), its roster and the
// transfers into and out of it. Reads GET /api/units/:id and /api/conferences at every new entry.
import { AppLink, formatTime, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import { useJson } from '../../safeguards-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { conferencePath, ROOT_UNIT, unitNameIn, unitPath, type ApportionmentTable, type UnitDetail, type UnitView } from './federation-data.js';
import { TransferList } from './transfer-list.js';

/** At most this many members are listed by name on a unit's page; the count is always given. */
const ROSTER_SHOWN = 200;

/** The page of unit `id`. */
export function UnitPage({ state, id }: ViewProps & { id: string }) {
  const { data: unit, error } = useJson<UnitDetail>(`/api/units/${encodeURIComponent(id)}`, state.last);
  const units = useJson<{ items: UnitView[] }>('/api/units', state.last).data?.items;
  const confs = useJson<{ items: ApportionmentTable[] }>('/api/conferences', state.last).data?.items ?? [];
  if (error) return <p role="alert">{error}</p>;
  if (!unit) return <p aria-busy="true">{t('app.loading')}</p>;
  const name = (m: string) => state.members.find((x) => x.id === m)?.name ?? unit.roster.find((r) => r.id === m)?.name ?? m;
  const ancestry: string[] = [];
  for (let p = unit.parent; p; p = units?.find((u) => u.id === p)?.parent ?? null) ancestry.unshift(p);
  const elections = confs.flatMap((c) => c.rows.filter((r) => r.unit === unit.id).map((r) => ({ conf: c, row: r })));
  return (
    <>
      <h1>{unit.name}</h1>
      {ancestry.length > 0 ? (
        <nav aria-label={t('federation.path')} class="meta">
          <ol class="breadcrumbs">
            {ancestry.map((a) => <li key={a}><AppLink href={unitPath(a)}>{unitNameIn(units, a)}</AppLink></li>)}
            <li aria-current="page">{unit.name}</li>
          </ol>
        </nav>
      ) : null}
      {unit.status === 'merged' ? <p role="note" class="callout">{t('federation.merged', { into: unitNameIn(units, unit.mergedInto ?? '') })}</p> : null}
      <p data-unit-members={unit.total}>
        {unit.children.length > 0 ? t('federation.membersBelow', { count: unit.total, own: unit.members }) : t('federation.members', { count: unit.total })}
        {unit.createdAt ? ` · ${t('federation.created', { time: formatTime(unit.createdAt), motion: unit.createdBy ?? '' })}` : ''}
      </p>
      {unit.children.length > 0 ? (
        <Section id="unit-below" title={t('federation.unitsBelow')}>
          <ul>{unit.children.map((c) => <li key={c}><AppLink href={unitPath(c)}>{unitNameIn(units, c)}</AppLink></li>)}</ul>
        </Section>
      ) : null}
      {unit.id !== ROOT_UNIT ? (
        <Section id="unit-bodies" title={t('federation.bodies')}>
          <ul>{unit.bodies.map((b) => <li key={b.id} data-body={b.id}>{b.name}</li>)}</ul>
          <dl class="unit-offices">
            {unit.offices.map((o) => (
              <div key={o.id} data-office={o.id}>
                <dt>{o.name}</dt>
                <dd>{o.holder ? <AppLink href={`/members/${encodeURIComponent(o.holder)}`}>{name(o.holder)}</AppLink> : t('federation.vacant')}</dd>
              </div>
            ))}
          </dl>
        </Section>
      ) : null}
      <Section id="unit-elections" title={t('federation.delegateElections')}>
        {elections.length === 0 ? <p>{t('federation.noDelegateElection')}</p> : (
          <ul>
            {elections.map(({ conf, row }) => (
              <li key={conf.conference} data-conference={conf.conference}>
                <AppLink href={conferencePath(conf.conference)}>{conf.title}</AppLink>
                {': '}
                {t('federation.seatsFor', { count: row.seats })}
                {row.election ? <> · <AppLink href={`/elections/${encodeURIComponent(row.election)}`}>{t('federation.election', { id: row.election })}</AppLink></> : null}
                {row.delegates.length > 0 ? ` · ${t('federation.delegates', { names: row.delegates.map(name).join(', ') })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="unit-roster" title={t('federation.roster')}>
        {unit.roster.length === 0 ? <p>{t('federation.noMembers')}</p> : (
          <>
            <ul class="unit-roster">
              {unit.roster.slice(0, ROSTER_SHOWN).map((m) => (
                <li key={m.id} data-member={m.id}>
                  <AppLink href={`/members/${encodeURIComponent(m.id)}`}>{m.name}</AppLink>
                  {m.unit !== unit.id ? <span class="meta"> · {unitNameIn(units, m.unit)}</span> : null}
                </li>
              ))}
            </ul>
            {unit.roster.length > ROSTER_SHOWN ? <p class="meta">{t('federation.rosterMore', { count: unit.roster.length - ROSTER_SHOWN })}</p> : null}
          </>
        )}
      </Section>
      <Section id="unit-transfers" title={t('federation.transfers')}>
        <TransferList transfers={unit.transfers} units={units} name={name} />
      </Section>
    </>
  );
}
