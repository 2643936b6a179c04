// The list of elections with their seat, method and status, and *Call an election* for the seats one's bodies elect.
import { useEffect, useState } from 'preact/hooks';
import type { Election } from '../../../../src/governance/kernel/state.js';
import { getJson } from '../../api.js';
import { AppLink, Outcome, Section } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { COUNTING_METHOD, ELECTION_PHASE } from '../../labels.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';
import { methodOf, phase, seatName, useSeats, type SeatDefs } from './election-data.js';

/** The list of elections (/elections), with *Call an election*. */
export function ElectionsView({ state, identity }: ViewProps) {
  const [items, setItems] = useState<Election[] | null>(null);
  const seats = useSeats((state.org as { constitutionVersion?: number } | null)?.constitutionVersion);
  useEffect(() => {
    let gone = false;
    getJson<{ items: Election[] }>('/api/elections')
      .then(({ items }) => !gone && setItems(items.sort((a, b) => b.index - a.index)))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [state.last]);
  if (!state.org) return <p>{t('app.notFounded')}</p>;
  const me = identity?.member ?? null;
  const electing = me ? state.bodies.filter((b) => b.members.includes(me)).map((b) => b.id) : [];
  return (
    <>
      <h1>{t('elections.title')}</h1>
      <p>{t('elections.intro')}</p>
      {identity && seats && electing.length > 0 ? <CallForm identity={identity} seats={seats} electing={electing} /> : null}
      <Section id="elections-list" title={t('elections.list')}>
        {items === null ? <p aria-busy="true">{t('app.loading')}</p> : null}
        {items?.length === 0 ? <p>{t('elections.none')}</p> : null}
        {items && items.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('elections.election')}</th>
                  <th scope="col">{t('elections.seat')}</th>
                  <th scope="col">{t('elections.method')}</th>
                  <th scope="col">{t('elections.status')}</th>
                  <th scope="col">{t('elections.elected')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-election={e.id} data-status={phase(e)}>
                    <td>
                      <AppLink href={`/elections/${encodeURIComponent(e.id)}`}>{e.id}</AppLink>
                    </td>
                    <td>{t('elections.seatLine', { seat: seatName(e, seats), count: e.seats })}</td>
                    <td>{t(COUNTING_METHOD[methodOf(e)])}</td>
                    <td>
                      <span class={`status ${e.status}`}>{t(ELECTION_PHASE[phase(e)])}</span>
                    </td>
                    <td>{e.status === 'closed' ? (e.elected ?? []).map((m) => state.members.find((x) => x.id === m)?.name ?? m).join(', ') || '—' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
    </>
  );
}

function CallForm({ identity, seats, electing }: { identity: Identity; seats: SeatDefs; electing: string[] }) {
  const { send, busy, outcome } = useAct(identity);
  const choices = [
    ...seats.offices.filter((o) => electing.includes(o.electedBy)).map((o) => ({ key: `office:${o.id}`, name: o.name, seat: { office: o.id } })),
    ...seats.bodies.filter((b) => b.composition.kind === 'elected' && electing.includes(b.composition.electedBy ?? '')).map((b) => ({ key: `body:${b.id}`, name: b.name, seat: { body: b.id } })),
  ];
  const [choice, setChoice] = useState(choices[0]?.key ?? '');
  if (choices.length === 0) return null;
  return (
    <details class="propose">
      <summary>{t('elections.call')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const c = choices.find((x) => x.key === choice);
          if (c) void send('election.call', { seat: c.seat });
        }}
      >
        <label>
          {t('elections.seat')}
          <select value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('elections.callSubmit')}
        </button>
        <Outcome outcome={outcome} success={outcome ? t('elections.called', { id: `e${outcome.message}` }) : ''} />
      </form>
    </details>
  );
}
