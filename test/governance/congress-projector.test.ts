// What the hall's projectors show (congress/projector.ts): the chair chooses per projector, on the
// record; nobody else can, and a projector shows only the session's own votes and documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionElectorates, sessions } from '../../src/governance/congress/access.js';
import { projections } from '../../src/governance/congress/projector.js';
import { congress, put } from './congress-votes-helpers.js';
import { expectRefusal } from './fixture.js';
import { HASH } from './safeguards-helpers.js';

test('projector.show: the chair chooses what each projector shows; the choice is on the record', () => {
  const c = congress();
  const { org, session } = c;
  org.ok('ana', 'agenda.propose', { session, items: [{ title: 'Report', kind: 'report', documents: [{ sha256: HASH(7), title: 'Report', mediaType: 'application/pdf' }] }] });
  const agendaVote = put(org, session, { kind: 'agenda' }, {});
  for (const m of Object.keys(sessionElectorates(org.state).get(agendaVote)!.weights)) org.ok(m, 'session.vote.cast', { vote: agendaVote, choice: 'yes' });
  org.ok('ana', 'session.vote.close', { vote: agendaVote });

  // Two projectors, each its own choice.
  org.ok('ana', 'projector.show', { session, projector: 'main', show: { kind: 'message', text: 'Lunch break until 14:00' } });
  org.ok('ana', 'projector.show', { session, projector: 'overflow', show: { kind: 'document', sha256: HASH(7), page: 3 } });
  org.ok('ana', 'projector.show', { session, projector: 'press', show: { kind: 'vote', vote: agendaVote } });
  const main = projections(org.state).get(`${session}/main`)!;
  assert.deepEqual([main.projector, main.show, main.by, main.index], ['main', { kind: 'message', text: 'Lunch break until 14:00' }, 'ana', org.size - 3]);
  assert.deepEqual(projections(org.state).get(`${session}/overflow`)!.show, { kind: 'document', sha256: HASH(7), page: 3 });
  // Back to the hall's default on the main screen; the others keep theirs.
  org.ok('ana', 'projector.show', { session, projector: 'main', show: { kind: 'auto' } });
  assert.deepEqual(projections(org.state).get(`${session}/main`)!.show, { kind: 'auto' });
  assert.equal([...projections(org.state).values()].filter((p) => p.session === session).length, 3);

  // A delegate cannot take over the screen.
  expectRefusal(org, 'session.not_presiding', () => org.do('dan', 'projector.show', { session, projector: 'main', show: { kind: 'message', text: 'Vote no!' } }));
  // Only the session's own votes and documents.
  expectRefusal(org, 'projector.unknown_vote', () => org.do('ana', 'projector.show', { session, projector: 'main', show: { kind: 'vote', vote: 'v1' } }));
  expectRefusal(org, 'projector.unknown_document', () => org.do('ana', 'projector.show', { session, projector: 'main', show: { kind: 'document', sha256: HASH(8), page: 1 } }));
  // A malformed name or an empty message never reaches the decider.
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'projector.show', { session, projector: 'Main Screen', show: { kind: 'agenda' } }));
  expectRefusal(org, 'act.invalid_body', () => org.do('ana', 'projector.show', { session, projector: 'main', show: { kind: 'message', text: '   ' } }));
  expectRefusal(org, 'session.not_found', () => org.do('ana', 'projector.show', { session: 's9999', projector: 'main', show: { kind: 'agenda' } }));

  org.ok('ana', 'session.end', { session });
  expectRefusal(org, 'session.ended', () => org.do('ana', 'projector.show', { session, projector: 'main', show: { kind: 'agenda' } }));
});

test('a closed session’s projector shows no message: its text would be on the public record', () => {
  const c = congress();
  const { org } = c;
  org.pass('central-committee', { kind: 'session.convene', body: 'congress', title: 'Closed', presiding: ['ana'], mandateCommission: ['ben'], opensAt: org.time, closed: true });
  const closed = [...sessions(org.state).values()].at(-1)!.id;
  const msg = expectRefusal(org, 'session.closed_content', () => org.do('ana', 'projector.show', { session: closed, projector: 'main', show: { kind: 'message', text: 'The north delegation leaves.' } }));
  assert.match(msg, /§20\.3/);
  org.ok('ana', 'projector.show', { session: closed, projector: 'main', show: { kind: 'speaker' } });
});
