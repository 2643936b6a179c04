// The founding charter: every founder signs, the constitution holds together, provisional seats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cosignAct } from '../../src/acts/keys.js';
import { foundingAct } from '../../src/governance/founding-charter.js';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { custom, expectRefusal, LOG, ORG, Org } from './fixture.js';

test('founding.invalid_constitution: fails the schema', () => {
  const org = new Org();
  expectRefusal(org, 'founding.invalid_constitution', () => org.apply(org.foundingAct(custom((c) => { c.name = ''; }))));
  const msg = expectRefusal(org, 'founding.invalid_constitution', () =>
    org.apply(org.foundingAct(custom((c) => { (c.founding as { minFounders: unknown }).minFounders = 'three'; }))),
  );
  assert.match(msg, /founding\.minFounders/);
  assert.equal(org.state.org, null);
});

test('founding.invalid_constitution: broken cross-references', () => {
  const org = new Org();
  const msg = expectRefusal(org, 'founding.invalid_constitution', () =>
    org.apply(org.foundingAct(custom((c) => { c.bodies[0]!.article = '§99'; }))),
  );
  assert.match(msg, /§99/);
  expectRefusal(org, 'founding.invalid_constitution', () =>
    org.apply(org.foundingAct(custom((c) => { c.offices[0]!.electedBy = 'senate'; }))),
  );
  expectRefusal(org, 'founding.invalid_constitution', () =>
    org.apply(org.foundingAct(custom((c) => {
      const cc = c.bodies[1]!;
      if (cc.composition.kind === 'elected') cc.composition.electedBy = cc.id;
    }))),
  );
});

test('founding.invalid_constitution: a resolution kind no capability carries out', () => {
  // The amendment procedure refuses such a constitution (statute.ts); the founding must too,
  // or a later motion of that kind makes the decider throw instead of refusing.
  const org = new Org();
  expectRefusal(org, 'founding.invalid_constitution', () =>
    org.apply(org.foundingAct(custom((c) => { c.resolutions['foo.bar'] = { body: 'congress', article: '§4.3' }; }))),
  );
});

test('founding.duplicate_founder: a founder or a key twice', () => {
  const org = new Org();
  const ana = org.founder('ana');
  const twice = foundingAct({ org: ORG, name: 'T', constitution: MODEL_STATUTE, founders: [ana, org.founder('ben'), org.founder('cai'), ana], log: LOG, issuedAt: new Date(org.now) });
  expectRefusal(org, 'founding.duplicate_founder', () => org.apply(twice));
  const sameKey = foundingAct({
    org: ORG, name: 'T', constitution: MODEL_STATUTE, log: LOG, issuedAt: new Date(org.now),
    founders: [ana, org.founder('ben'), { id: 'cai', name: 'Cai', keys: ana.keys }],
  });
  expectRefusal(org, 'founding.duplicate_founder', () => org.apply(sameKey));
});

test('founding.too_few_founders: two founders under the model statute', () => {
  const org = new Org();
  const msg = expectRefusal(org, 'founding.too_few_founders', () => org.apply(org.foundingAct(MODEL_STATUTE, { founders: ['ana', 'ben'] })));
  assert.match(msg, /§1\.2/);
  // A statute asking for two accepts them.
  const two = new Org().found(custom((c) => { c.founding.minFounders = 2; }), { founders: ['ana', 'ben'] });
  assert.deepEqual(two.state.org!.founders, ['ana', 'ben']);
});

test('founding.unsigned_founder: a founder missing from the co-signatures', () => {
  const org = new Org();
  const act = org.foundingAct();
  const missing = { ...act, cosigs: act.cosigs!.slice(0, 1) };
  const msg = expectRefusal(org, 'founding.unsigned_founder', () => org.apply(missing));
  assert.match(msg, /cai/);
  expectRefusal(org, 'founding.unsigned_founder', () => org.apply({ ...act, cosigs: undefined }));
});

test('founding.unsigned_founder: an outsider co-signs, or a founder signs twice', () => {
  const org = new Org();
  const act = org.foundingAct();
  const outsider = { ...act, cosigs: [...act.cosigs!, cosignAct(act, 'dan', org.signer('dan').keys)] };
  expectRefusal(org, 'founding.unsigned_founder', () => org.apply(outsider));
  const twice = { ...act, cosigs: [...act.cosigs!, act.cosigs![0]!] };
  expectRefusal(org, 'founding.unsigned_founder', () => org.apply(twice));
  // A founder co-signing with a key other than the one the charter names.
  const otherKey = org.signerWith('cai');
  const wrongKey = { ...act, cosigs: [act.cosigs![0]!, cosignAct(act, 'cai', otherKey.keys)] };
  expectRefusal(org, 'founding.unsigned_founder', () => org.apply(wrongKey));
});

test('founding.invalid_seats: seats or offices that do not exist, too many, non-founders, fromBody', () => {
  const org = new Org();
  const founders = ['ana', 'ben', 'cai', 'dan'];
  const cases: { seats?: Record<string, string[]>; offices?: Record<string, string> }[] = [
    { seats: { congress: ['ana'] } },
    { seats: { senate: ['ana'] } },
    { seats: { presidium: ['ana', 'ben', 'cai', 'dan'] } },
    { seats: { presidium: ['ana', 'ana'] } },
    { seats: { presidium: ['ana', 'zed'] } },
    { offices: { king: 'ana' } },
    { offices: { chair: 'zed' } },
    { offices: { secretary: 'ana' } },
    { seats: { 'central-committee': ['ben'] }, offices: { secretary: 'ana' } },
  ];
  for (const options of cases) {
    expectRefusal(org, 'founding.invalid_seats', () => org.apply(org.foundingAct(MODEL_STATUTE, { ...options, founders })));
  }
});

test('a good founding with provisional seats and offices shows them in state', () => {
  const org = new Org().found(MODEL_STATUTE, {
    seats: { 'central-committee': ['ana', 'ben', 'cai'], presidium: ['ana', 'ben'] },
    offices: { chair: 'cai', secretary: 'ana' },
  });
  const s = org.state;
  assert.equal(org.size, 1);
  assert.equal(s.org!.id, 'test');
  assert.equal(s.org!.constitutionVersion, 1);
  assert.deepEqual(s.org!.log, LOG);
  assert.deepEqual(s.org!.founders, ['ana', 'ben', 'cai']);
  assert.deepEqual([...s.members.entries()].map(([id]) => id).sort(), ['ana', 'ben', 'cai']);
  for (const id of ['ana', 'ben', 'cai']) assert.equal(s.keys.get(org.key(id))!.member, id);
  const cc = s.bodies.get('central-committee')!.seats;
  assert.deepEqual(cc.map((x) => x.member), ['ana', 'ben', 'cai']);
  assert.equal(cc[0]!.since, '2026-01-01T00:00:00.000Z');
  assert.equal(cc[0]!.until, '2028-01-01T00:00:00.000Z'); // 730 days
  assert.equal(cc[0]!.election, 'founding');
  assert.deepEqual(s.bodies.get('presidium')!.seats.map((x) => [x.member, x.until]), [['ana', '2027-01-01T00:00:00.000Z'], ['ben', '2027-01-01T00:00:00.000Z']]);
  assert.deepEqual(s.bodies.get('control-commission')!.seats, []);
  assert.equal(s.offices.get('chair')!.holder!.member, 'cai');
  assert.equal(s.offices.get('secretary')!.holder!.member, 'ana');
  assert.equal(s.offices.get('treasurer')!.holder, null);
  assert.deepEqual(org.membersOf('presidium'), ['ana', 'ben']);
});

// Was `votingDays: 0` meant to be allowed? The schema accepts it, but a vote that closes the
// instant it opens can never be cast: every vote.cast is `vote.not_open`, so the body can
// never adopt anything. Either the schema must refuse 0, or such a vote must take ballots.
test('votingDays 0: either refused by the schema, or its votes can be cast', () => {
  const org = new Org();
  const c = custom((x) => {
    for (const b of x.bodies) b.rules.votingDays = 0;
    x.resolutions['constitution.amend']!.votingDays = 0;
  });
  const outcome = org.apply(org.foundingAct(c));
  if (!outcome.ok) {
    assert.equal(outcome.refusal.code, 'founding.invalid_constitution');
    return;
  }
  const id = org.propose('ana', 'congress');
  org.ok('ben', 'motion.second', { motion: id });
  assert.equal(org.motion(id).status, 'voting');
  org.ok('ana', 'vote.cast', { motion: id, choice: 'yes' });
});
