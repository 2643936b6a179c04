// The statute's own resolutions: amending the constitution, naming witnesses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { custom, expectRefusal, Org } from './fixture.js';

const CC = { 'central-committee': ['ana', 'ben', 'cai'] };
const propose = (org: Org, body: string, resolution: unknown) => org.do('ana', 'motion.propose', { body, title: 'R', text: '', resolution });

test('constitution.amend adopted: the constitution is replaced, version 2', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  const amended = custom((c) => {
    c.name = 'Second Statute';
    c.bodies.push({ id: 'youth', name: 'Youth Council', composition: { kind: 'elected', seats: 5, electedBy: 'congress', termDays: 365 }, rules: structuredClone(c.bodies[0]!.rules), article: '§4.1' });
    c.offices.push({ id: 'archivist', name: 'Archivist', electedBy: 'congress', fromBody: false, termDays: 365, article: '§8.1' });
  });
  org.advance(1);
  const m = org.pass('congress', { kind: 'constitution.amend', constitution: amended });
  assert.equal(m.status, 'adopted');
  assert.deepEqual(org.state.constitution, amended);
  assert.equal(org.state.org!.constitutionVersion, 2);
  const v2 = org.state.constitutions.get('2')!;
  assert.equal(v2.by, m.id);
  assert.equal(v2.adoptedAt, org.time);
  assert.equal(org.state.constitutions.get('1')!.constitution.name, MODEL_STATUTE.name);
  assert.deepEqual(org.state.bodies.get('youth'), { id: 'youth', seats: [] });
  assert.equal(org.state.offices.get('archivist')!.holder, null);
  // The new body exists for elections now.
  org.ok('ana', 'election.call', { seat: { body: 'youth' } });
});

test('constitution.invalid: the amended text fails the schema, or its cross-references', () => {
  const org = new Org().found();
  expectRefusal(org, 'constitution.invalid', () => propose(org, 'congress', { kind: 'constitution.amend', constitution: { name: '' } }));
  expectRefusal(org, 'constitution.invalid', () => propose(org, 'congress', { kind: 'constitution.amend', constitution: custom((c) => { c.offices[0]!.article = '§77'; }) }));
  expectRefusal(org, 'constitution.invalid', () =>
    propose(org, 'congress', { kind: 'constitution.amend', constitution: custom((c) => { c.resolutions['foo.bar'] = { body: 'congress', article: '§4.3' }; }) }),
  );
  assert.equal(org.state.motions.size, 0);
});

test('constitution.invalid: no amendment procedure left', () => {
  const org = new Org().found();
  const msg = expectRefusal(org, 'constitution.invalid', () =>
    propose(org, 'congress', { kind: 'constitution.amend', constitution: custom((c) => { delete c.resolutions['constitution.amend']; }) }),
  );
  assert.match(msg, /amend/);
});

test('record.witnesses adopted: org.witnesses', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  const witnesses = ['witness.example/w1+0123abcd+AQIDBAUGBwg=', 'other.example/w2+deadbeef+ZmFrZWtleQ=='];
  const m = org.pass('central-committee', { kind: 'record.witnesses', witnesses });
  assert.equal(m.status, 'adopted');
  assert.equal(m.rule.article, '§10.2');
  assert.deepEqual(org.state.org!.witnesses, witnesses);
  assert.deepEqual(org.state.orgRow.get('org')!.witnesses, witnesses);
});

test('record.invalid_witness and record.duplicate_witness', () => {
  const org = new Org().found(MODEL_STATUTE, { seats: CC });
  expectRefusal(org, 'record.invalid_witness', () => propose(org, 'central-committee', { kind: 'record.witnesses', witnesses: ['not a key'] }));
  expectRefusal(org, 'record.invalid_witness', () => propose(org, 'central-committee', { kind: 'record.witnesses', witnesses: ['w.example/w1+XYZ+AQID'] }));
  const w = 'witness.example/w1+0123abcd+AQIDBAUGBwg=';
  expectRefusal(org, 'record.duplicate_witness', () => propose(org, 'central-committee', { kind: 'record.witnesses', witnesses: [w, w] }));
  assert.deepEqual(org.state.org!.witnesses, []);
});
