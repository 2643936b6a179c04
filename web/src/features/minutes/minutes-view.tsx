// The minutes of a session (/minutes?session=…), made by the server from the log itself
// (GET /api/sessions/:id/minutes.json): items in order with their documents, speakers, motions
// and amendments, votes and elections, the presiding body's notes where they were made, and
// every decision with the index and leaf hash of its entry, so that a reader can check each
// against the record. The same minutes download as Markdown and PDF.
import { useEffect, useState } from 'preact/hooks';
import type { DecisionMinute, ElectionMinute, ItemMinutes, Minutes, MotionMinute, ProceedingMinute, VoteMinute } from '../../../../src/minutes/model.js';
import { getJson } from '../../api.js';
import { formatTime } from '../../components/common.js';
import { t } from '../../i18n.js';
import type { Identity } from '../../keys.js';
import { labelOf, SPEAKER_KIND } from '../../labels.js';
import { chooseSession, sessionParam, useSessions } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';

/** The minutes view (/minutes): a session's minutes as the server makes them, with their downloads. */
export function MinutesView({ state, identity }: ViewProps) {
  const sessions = useSessions(state.last);
  const session = sessions ? chooseSession(sessions, sessionParam()) : null;
  const [minutes, setMinutes] = useState<Minutes | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return;
    readMinutes(session.id, session.closed ? identity : null).then(
      (m) => (setMinutes(m), setError(null)),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [session?.id, state.last, identity?.member]);

  if (sessions === null) return <p aria-busy="true">{t('app.loading')}</p>;
  if (!session) return <><h1>{t('minutes.title')}</h1><p>{t('preside.noSession')}</p></>;
  const base = `/api/sessions/${encodeURIComponent(session.id)}/minutes`;
  return (
    <article class="minutes" data-session={session.id}>
      <h1>{t('minutes.of', { title: session.title })}</h1>
      <p>
        <a href={`${base}.pdf`} download>{t('minutes.pdf')}</a> · <a href={`${base}.md`} download>{t('minutes.markdown')}</a> ·{' '}
        <a href={`/api/motion-book.pdf?session=${encodeURIComponent(session.id)}`} download>{t('minutes.motionBook')}</a>
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {minutes ? <MinutesBody minutes={minutes} /> : <p aria-busy="true">{t('app.loading')}</p>}
    </article>
  );
}

/** Reads the minutes; a closed session's are signed for, so that a delegate gets them whole (signed-read.ts). */
async function readMinutes(id: string, signer: Identity | null): Promise<Minutes> {
  const path = `/api/sessions/${encodeURIComponent(id)}/minutes.json`;
  if (!signer) return getJson<Minutes>(path);
  const signed = await (await import('../../content-read.js')).signRequest(signer, 'GET', path);
  const response = await fetch(path, { headers: { accept: 'application/json', ...signed } });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as Minutes;
}

function MinutesBody({ minutes }: { minutes: Minutes }) {
  const s = minutes.session;
  return (
    <>
      {minutes.checkpoint ? <p class="meta">{t('minutes.checkpoint', { size: minutes.checkpoint.size, root: minutes.checkpoint.rootHash.slice(0, 16) })}</p> : null}
      {minutes.withheld ? <p class="notice">{t('minutes.withheld')}</p> : null}
      {s ? (
        <section aria-labelledby="minutes-session">
          <h2 id="minutes-session">{t('minutes.session')}</h2>
          <dl>
            <dt>{t('minutes.presiding')}</dt>
            <dd>{s.presiding.map((p) => p.name).join(', ')}</dd>
            <dt>{t('minutes.commission')}</dt>
            <dd>{s.mandateCommission.map((p) => p.name).join(', ')}</dd>
            <dt>{t('minutes.attendance')}</dt>
            <dd>{t('minutes.attendanceLine', { present: s.attendance.present, accredited: s.attendance.accredited, quorum: s.attendance.quorum })}</dd>
          </dl>
          {s.agendaVotes.map((v) => <Vote key={v.id} vote={v} />)}
        </section>
      ) : null}
      {minutes.items.map((item) => <Item key={item.id} item={item} />)}
      {minutes.other ? <Item item={minutes.other} /> : null}
      <section aria-labelledby="minutes-decisions">
        <h2 id="minutes-decisions">{t('minutes.decisions')}</h2>
        <table>
          <thead><tr><th scope="col">{t('minutes.decision')}</th><th scope="col">{t('minutes.entry')}</th><th scope="col">{t('minutes.leafHash')}</th></tr></thead>
          <tbody>
            {minutes.decisions.map((d) => (
              <tr key={d.entry.index} data-entry={d.entry.index}>
                <td>{d.what}{d.annulled ? ` — ${d.annulment ? t('minutes.annulledAt', { by: d.annulment.by, at: formatTime(d.annulment.at), entry: d.annulment.entry?.index ?? '?' }) : t('minutes.annulled')}` : ''}</td>
                <td><a href={`/record#entry-${d.entry.index}`}>{d.entry.index}</a></td>
                <td><code>{d.entry.leafHash}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function Item({ item }: { item: ItemMinutes }) {
  const motions = new Map(item.motions.map((m) => [m.id, m]));
  const votes = new Map(item.votes.map((v) => [v.id, v]));
  const elections = new Map(item.elections.map((e) => [e.id, e]));
  return (
    <section class="minutes-item" data-item={item.id} aria-label={item.title}>
      <h2>{item.kind === 'business' ? item.title : `${item.n}. ${item.title}`}</h2>
      {item.documents.length > 0 ? (
        <ul class="documents">
          {item.documents.map((d) => <li key={d.sha256}>{d.title ?? t('minutes.withheldTitle')} <code>{d.sha256.slice(0, 16)}…</code></li>)}
        </ul>
      ) : null}
      {item.proceedings.map((p, i) => <Proceeding key={i} p={p} motions={motions} votes={votes} elections={elections} />)}
    </section>
  );
}

function Proceeding({ p, motions, votes, elections }: { p: ProceedingMinute; motions: Map<string, MotionMinute>; votes: Map<string, VoteMinute>; elections: Map<string, ElectionMinute> }) {
  switch (p.kind) {
    case 'speech':
      return <p class="speech">{t('minutes.speech', { name: p.speech.name, delegation: p.speech.delegation, kind: labelOf(SPEAKER_KIND, p.speech.kind), seconds: p.speech.seconds })}</p>;
    case 'note':
      return <p class="note"><em>{p.note.text ?? t('minutes.withheldNote', { sha: p.note.sha256.slice(0, 16) })}</em>{p.note.overruled ? ` (${t('minutes.overruled', { by: p.note.overruled })})` : ''}</p>;
    case 'vote': {
      const v = votes.get(p.vote);
      return v ? <Vote vote={v} /> : null;
    }
    case 'motion': {
      const m = motions.get(p.motion);
      return m ? <Motion motion={m} /> : null;
    }
    case 'election': {
      const e = elections.get(p.election);
      return e ? <Election election={e} /> : null;
    }
  }
}

function Decision({ decision }: { decision: DecisionMinute | null }) {
  if (!decision) return null;
  return (
    <p class="decision">
      <strong>{decision.outcome}</strong>
      {decision.entry ? <> · {t('minutes.entryRef', { index: decision.entry.index, hash: decision.entry.leafHash.slice(0, 16) })}</> : null}
      {decision.annulled ? <> · <span class="annulled">{t('minutes.annulledBy', { by: decision.annulled.by, at: decision.annulled.at.slice(0, 10), reason: decision.annulled.reason })}</span></> : null}
    </p>
  );
}

function Motion({ motion }: { motion: MotionMinute }) {
  return (
    <div class="minutes-motion" data-motion={motion.id}>
      <h3>{motion.title}</h3>
      <p class="meta">{t('minutes.proposedBy', { name: motion.proposerName, seconders: motion.seconders.map((s) => s.name).join(', ') || '—' })}</p>
      {motion.text !== null ? <pre class="motion-text">{motion.text}</pre> : null}
      {motion.amendments.map((a) => (
        <div key={a.id} class="minutes-amendment" data-amendment={a.id}>
          <p>{t('minutes.amendment', { id: a.id, name: a.proposerName, status: a.status })}</p>
          <pre class="diff">{a.change.map((l) => `${l.op} ${String(l.line).padStart(3)}  ${l.text}`).join('\n')}</pre>
          <Decision decision={a.decision} />
        </div>
      ))}
      {motion.amendedText ? <><p>{t('minutes.amendedText')}</p><pre class="motion-text">{motion.amendedText}</pre></> : null}
      {motion.vote ? <Vote vote={motion.vote} /> : <Decision decision={motion.decision} />}
      <Rehabilitation motion={motion} />
    </div>
  );
}

/** The sanction an appeal was against and its annulment (the member rehabilitated), or what an annulling resolution annuls. */
function Rehabilitation({ motion }: { motion: MotionMinute }) {
  const s = motion.sanction;
  return (
    <>
      {s ? <p class="meta">{t('minutes.sanction', { kind: s.kind, name: s.memberName, case: s.case })}</p> : null}
      {s?.annulled ? (
        <p class="rehabilitated" role="note" data-rehabilitated={s.member}>
          {t('minutes.rehabilitated', { kind: s.kind, case: s.case, by: s.annulled.by, at: s.annulled.at.slice(0, 10), reason: s.annulled.reason, name: s.memberName })}
          {s.annulled.entry ? <> · {t('minutes.entryRef', { index: s.annulled.entry.index, hash: s.annulled.entry.leafHash.slice(0, 16) })}</> : null}
        </p>
      ) : null}
      {motion.annuls ? <p class="meta" data-annuls>{t('minutes.annuls', { what: motion.annuls.what })}{motion.annuls.decidedAt ? <> · {t('minutes.entryRef', { index: motion.annuls.decidedAt.index, hash: motion.annuls.decidedAt.leafHash.slice(0, 16) })}</> : null}</p> : null}
    </>
  );
}

function Vote({ vote }: { vote: VoteMinute }) {
  const options = vote.optionTally ? Object.entries(vote.optionTally).map(([o, n]) => `${o} ${n}`).join(', ') + ', ' : '';
  return (
    <div class="minutes-vote" data-vote={vote.id}>
      <p>
        {t('minutes.vote', { subject: vote.subject })}: {options}{t('minutes.tally', { yes: vote.tally.yes, no: vote.tally.no, abstain: vote.tally.abstain, voted: vote.voted, electorate: vote.electorate, turnout: vote.turnout })}
        {' · '}{vote.quorumMet === false ? t('motion.quorumMissed') : t('motion.quorumMet')} · {t('motion.article', { article: vote.rule.article })}
      </p>
      {vote.mode === 'roll-call' && vote.ballots ? (
        <details>
          <summary>{t('minutes.rollCall', { count: vote.ballots.length })}</summary>
          <ul>{vote.ballots.map((b) => <li key={b.member}>{b.name}: {b.choice}{b.weight > 1 ? ` (×${b.weight})` : ''}</li>)}</ul>
        </details>
      ) : null}
      <Decision decision={vote.decision} />
    </div>
  );
}

function Election({ election }: { election: ElectionMinute }) {
  return (
    <div class="minutes-election" data-election={election.id}>
      <h3>{t('minutes.election', { seat: election.seat, method: election.method })}</h3>
      <p>{t('minutes.elected', { names: election.elected.map((e) => e.name).join(', ') || '—' })}</p>
      {election.rounds.length > 0 ? (
        <ol>{election.rounds.map((r) => <li key={r.round}>{r.action}{r.elected.length ? ` — ${r.elected.join(', ')}` : ''}{r.excluded.length ? ` — ✗ ${r.excluded.join(', ')}` : ''}</li>)}</ol>
      ) : null}
      <Decision decision={election.decision} />
    </div>
  );
}
