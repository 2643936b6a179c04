// Thresholds and the count of an open vote, by whole-number arithmetic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MODEL_STATUTE } from '../../src/constitution/model-statute.js';
import { evaluate, meets, needed } from '../../src/constitution/rules.js';
import { parseConstitution, type Constitution, type Majority } from '../../src/constitution/schema.js';

const count = fc.nat({ max: 100_000 });

test('moreThan 1/2 is exactly count·2 > base', () => {
  fc.assert(fc.property(count, count, (c, base) => meets({ moreThan: '1/2' }, c, base) === c * 2 > base));
});

test('atLeast 2/3 is exactly count·3 ≥ base·2, with its boundaries', () => {
  fc.assert(fc.property(count, count, (c, base) => meets({ atLeast: '2/3' }, c, base) === c * 3 >= base * 2));
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30_000 }), (k) => {
      const base = 3 * k;
      return meets({ atLeast: '2/3' }, 2 * k, base) && !meets({ atLeast: '2/3' }, 2 * k - 1, base);
    }),
  );
  assert.equal(meets({ atLeast: '2/3' }, 2, 3), true);
  assert.equal(meets({ atLeast: '2/3' }, 3, 5), false);
  assert.equal(meets({ atLeast: '2/3' }, 4, 6), true);
  assert.equal(meets({ atLeast: '2/3' }, 0, 0), true);
  assert.equal(meets({ moreThan: '1/2' }, 0, 0), false);
});

test('needed is the least count that meets the threshold', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 500 }), fc.constantFrom('1/2', '2/3', '3/4', '1/3'), fc.boolean(), (base, f, strict) => {
      const t = strict ? { moreThan: f } : { atLeast: f };
      const n = needed(t, base);
      return (n > base || meets(t, n, base)) && (n === 0 || !meets(t, n - 1, base));
    }),
  );
});

const tally = fc.record({ yes: fc.nat({ max: 500 }), no: fc.nat({ max: 500 }), abstain: fc.nat({ max: 500 }) });
const majority: fc.Arbitrary<Majority> = fc.record({
  of: fc.constantFrom('yes-and-no' as const, 'cast' as const, 'electorate' as const),
  f: fc.constantFrom('1/2', '2/3', '1/3', '1/100'),
  strict: fc.boolean(),
}).map(({ of, f, strict }) => (strict ? { of, moreThan: f } : { of, atLeast: f }));
const quorum = fc.option(fc.constantFrom({ moreThan: '1/2' }, { atLeast: '1/3' }, { atLeast: '1/100' }), { nil: null });

test('evaluate never carries with zero yes', () => {
  fc.assert(
    fc.property(tally, fc.nat({ max: 200 }), majority, quorum, (t, extra, m, q) => {
      const electorate = t.yes + t.no + t.abstain + extra;
      const r = evaluate({ quorum: q, majority: m }, { ...t, yes: 0 }, electorate);
      return r.carried === false;
    }),
  );
});

test('evaluate: carried implies the quorum was met; cast counts every ballot', () => {
  fc.assert(
    fc.property(tally, fc.nat({ max: 200 }), majority, quorum, (t, extra, m, q) => {
      const electorate = t.yes + t.no + t.abstain + extra;
      const r = evaluate({ quorum: q, majority: m }, t, electorate);
      return r.cast === t.yes + t.no + t.abstain && (!r.carried || r.quorumMet) && (q !== null || r.quorumMet);
    }),
  );
});

test('evaluate: simple majority of yes-and-no ignores abstentions', () => {
  const rule = { quorum: null, majority: { of: 'yes-and-no', moreThan: '1/2' } as Majority };
  fc.assert(
    fc.property(tally, fc.nat({ max: 500 }), (t, more) => {
      const a = evaluate(rule, t, 2000).carried;
      const b = evaluate(rule, { ...t, abstain: t.abstain + more }, 2000).carried;
      return a === b && a === (t.yes > t.no);
    }),
  );
  assert.equal(evaluate(rule, { yes: 2, no: 2, abstain: 0 }, 4).carried, false, 'a tie fails');
});

test('MODEL_STATUTE parses', () => {
  const c = parseConstitution(MODEL_STATUTE);
  assert.deepEqual(c, MODEL_STATUTE);
});

function broken(edit: (c: Constitution) => void): Constitution {
  const c = structuredClone(MODEL_STATUTE);
  edit(c);
  return c;
}

test('parseConstitution rejects broken cross-references with readable messages', () => {
  const cases: [(c: Constitution) => void, RegExp][] = [
    [(c) => { c.founding.article = '§99'; }, /founding cites §99, which is not an article of the statute/],
    [(c) => { c.articles.push({ ...c.articles[0]! }); }, /two articles share an id/],
    [(c) => { c.bodies.push(structuredClone(c.bodies[0]!)); }, /two bodies are called "congress"/],
    [(c) => { c.offices.push(structuredClone(c.offices[0]!)); }, /two offices are called "chair"/],
    [(c) => { c.offices[1]!.electedBy = 'senate'; }, /office secretary is elected by an unknown body "senate"/],
    [(c) => { const b = c.bodies[2]!; if (b.composition.kind === 'elected') b.composition.electedBy = 'senate'; }, /body presidium is elected by an unknown body "senate"/],
    [(c) => { const b = c.bodies[2]!; if (b.composition.kind === 'elected') b.composition.electedBy = 'presidium'; }, /body presidium cannot elect itself/],
    [(c) => { c.resolutions['membership.admit']!.body = 'senate'; }, /resolution membership\.admit is decided by an unknown body "senate"/],
    [(c) => { c.collective['key.revoke']!.article = '§42'; }, /collective act key\.revoke cites §42/],
    [(c) => { c.collective['key.revoke']!.body = 'senate'; }, /collective act key\.revoke names an unknown body "senate"/],
    [(c) => { c.bodies[1]!.rules.article = '§5.9'; }, /body central-committee's rules cites §5\.9/],
    [(c) => { c.federation!.discipline!.panelBody = 'control-commission'; }, /federation\.discipline draws its panel from an unknown unit body "control-commission"/],
    [(c) => { c.federation!.discipline!.appealBody = 'branch-control'; }, /federation\.discipline sends appeals to an unknown body "branch-control"/],
    [(c) => { c.federation!.discipline!.article = '§22.9'; }, /federation\.discipline cites §22\.9/],
  ];
  for (const [edit, message] of cases) assert.throws(() => parseConstitution(broken(edit)), message);
  // Several problems are all named.
  assert.throws(() => parseConstitution(broken((c) => { c.founding.article = '§98'; c.elections.article = '§97'; })), /§98.*; .*§97/);
});

test('parseConstitution rejects schema violations naming the path', () => {
  assert.throws(() => parseConstitution(broken((c) => { c.bodies = []; })), /^Error: bodies: /);
  assert.throws(() => parseConstitution(broken((c) => { c.bodies[0]!.rules.majority = { of: 'yes-and-no', moreThan: '0/2' }; })), /bodies\.0\.rules\.majority/);
  assert.throws(() => parseConstitution(broken((c) => { c.offices[0]!.article = '8.1'; })), /offices\.0\.article: an article like "§7\.4"/);
  assert.throws(() => parseConstitution({ ...MODEL_STATUTE, extra: 1 }), /constitution: /);
  assert.throws(() => parseConstitution(null), /constitution: /);
});
