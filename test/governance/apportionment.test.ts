// Apportionment against published worked examples: the 2020 apportionment of the U.S. House
// by Huntington–Hill from the Census Bureau's apportionment populations; Sainte-Laguë from New
// Zealand's Electoral Commission (2020) and D'Hondt from a 2019 European Parliament region's
// declaration; a D'Hondt example of a university's election rules; one vote table shared by
// Sainte-Laguë, largest remainder and D'Hondt from a constitutional-law course. Then the
// properties every method must keep.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { apportion, APPORTIONMENT_METHODS, type ApportionedUnit } from '../../src/governance/counting/apportionment.js';
import { CountingError, drawLotOrder } from '../../src/governance/counting/common.js';

const seatsOf = (r: ReturnType<typeof apportion>) => Object.fromEntries(r.units.map((u) => [u.id, u.seats]));

// U.S. Census Bureau, "2020 Census Apportionment Results", Table 1 (apportionment population and
// number of representatives by state), April 26, 2021: census.gov/data/tables/2020/dec/2020-apportionment-data.html.
// [state, apportionment population, representatives]
const CENSUS_2020: [string, number, number][] = [
  ['AL', 5030053, 7], ['AK', 736081, 1], ['AZ', 7158923, 9], ['AR', 3013756, 4], ['CA', 39576757, 52],
  ['CO', 5782171, 8], ['CT', 3608298, 5], ['DE', 990837, 1], ['FL', 21570527, 28], ['GA', 10725274, 14],
  ['HI', 1460137, 2], ['ID', 1841377, 2], ['IL', 12822739, 17], ['IN', 6790280, 9], ['IA', 3192406, 4],
  ['KS', 2940865, 4], ['KY', 4509342, 6], ['LA', 4661468, 6], ['ME', 1363582, 2], ['MD', 6185278, 8],
  ['MA', 7033469, 9], ['MI', 10084442, 13], ['MN', 5709752, 8], ['MS', 2963914, 4], ['MO', 6160281, 8],
  ['MT', 1085407, 2], ['NE', 1963333, 3], ['NV', 3108462, 4], ['NH', 1379089, 2], ['NJ', 9294493, 12],
  ['NM', 2120220, 3], ['NY', 20215751, 26], ['NC', 10453948, 14], ['ND', 779702, 1], ['OH', 11808848, 15],
  ['OK', 3963516, 5], ['OR', 4241500, 6], ['PA', 13011844, 17], ['RI', 1098163, 2], ['SC', 5124712, 7],
  ['SD', 887770, 1], ['TN', 6916897, 9], ['TX', 29183290, 38], ['UT', 3275252, 4], ['VT', 643503, 1],
  ['VA', 8654542, 11], ['WA', 7715946, 10], ['WV', 1795045, 2], ['WI', 5897473, 8], ['WY', 577719, 1],
];

test('Huntington–Hill reproduces the 2020 apportionment of the 435 seats of the U.S. House', () => {
  const r = apportion(CENSUS_2020.map(([id, members]) => ({ id, members })), 435, 'huntington-hill');
  assert.deepEqual(seatsOf(r), Object.fromEntries(CENSUS_2020.map(([id, , seats]) => [id, seats])));
  assert.equal(r.totalMembers, 331108434);
  assert.deepEqual(r.ties, []);
  // Seat 435 went to Minnesota; New York would have had it with 89 more residents.
  const withOneLess = apportion(CENSUS_2020.map(([id, members]) => ({ id, members })), 434, 'huntington-hill');
  assert.equal(seatsOf(withOneLess).MN, 7);
  const closer = apportion(CENSUS_2020.map(([id, members]) => ({ id, members: id === 'NY' ? members + 89 : members })), 435, 'huntington-hill');
  assert.deepEqual([seatsOf(closer).NY, seatsOf(closer).MN], [27, 7]);
});

test("D'Hondt: Aarhus University's worked example (lists A 25, B 31, C 11, D 16 votes; 8 mandates)", () => {
  // medarbejdere.au.dk, "Counting of votes and allocation of mandates", the count without list pact.
  const r = apportion([{ id: 'A', members: 25 }, { id: 'B', members: 31 }, { id: 'C', members: 11 }, { id: 'D', members: 16 }], 8, 'dhondt');
  assert.deepEqual(seatsOf(r), { A: 3, B: 3, C: 1, D: 1 });
  // With C and D in a list pact (27 votes together): A 2, B 3, the pact 3.
  assert.deepEqual(seatsOf(apportion([{ id: 'A', members: 25 }, { id: 'B', members: 31 }, { id: 'CD', members: 27 }], 8, 'dhondt')), { A: 2, B: 3, CD: 3 });
});

test("Sainte-Laguë: New Zealand's Electoral Commission, 2020 General Election, election-night party votes (120 seats)", () => {
  // Electoral Commission (New Zealand), "Election night results for the 2020 General Election", press
  // release of 18 October 2020 (electionresults.govt.nz): the 120 seats shared by Sainte-Laguë among the
  // parties that reached 5% of the party vote or won an electorate (the Māori Party won Waiariki).
  const parties = [
    { id: 'Labour', members: 1169397 }, { id: 'National', members: 638393 }, { id: 'ACT', members: 190106 },
    { id: 'Green', members: 180224 }, { id: 'Maori', members: 23938 },
  ];
  const r = apportion(parties, 120, 'sainte-lague');
  assert.deepEqual(seatsOf(r), { Labour: 64, National: 35, ACT: 10, Green: 10, Maori: 1 });
  assert.deepEqual(r.ties, []);
});

test("D'Hondt: the 2019 European Parliament election in the South East England region (10 MEPs)", () => {
  // The regional returning officer's declaration of 26 May 2019, as tabled in the House of Commons
  // Library's Briefing Paper 8600, "European Parliament Elections 2019: results and analysis", §3.4
  // (South East): Brexit Party 4, Liberal Democrats 3, Green 1, Conservative 1, Labour 1. The other
  // lists had fewer than 20,000 votes together, far below the tenth quotient.
  const lists = [
    { id: 'Brexit', members: 915686 }, { id: 'LibDem', members: 653743 }, { id: 'Green', members: 343249 },
    { id: 'Conservative', members: 260277 }, { id: 'Labour', members: 184678 }, { id: 'ChangeUK', members: 105832 },
    { id: 'UKIP', members: 56487 },
  ];
  const r = apportion(lists, 10, 'dhondt');
  assert.deepEqual(seatsOf(r), { Brexit: 4, LibDem: 3, Green: 1, Conservative: 1, Labour: 1, ChangeUK: 0, UKIP: 0 });
  // The tenth seat: Labour's 184,678 against the Brexit Party's fifth quotient, 915,686 / 5 = 183,137.2.
  // Exact arithmetic: at 183,138 Labour still takes it; at 183,137 the Brexit Party does.
  const labourAt = (votes: number) => seatsOf(apportion(lists.map((l) => (l.id === 'Labour' ? { ...l, members: votes } : l)), 10, 'dhondt'));
  assert.deepEqual([labourAt(183138).Labour, labourAt(183138).Brexit], [1, 4]);
  assert.deepEqual([labourAt(183137).Labour, labourAt(183137).Brexit], [0, 5]);
});

test('one table, three methods: A 6,100, B 5,000, C 900 votes for 10 seats (Sainte-Laguë 5-4-1, largest remainder 5-4-1, D’Hondt 6-4-0)', () => {
  // staatsrecht.honikel.de, "Berechnungsbeispiele — Lösungen" (worked examples of German electoral law).
  const parties = [{ id: 'A', members: 6100 }, { id: 'B', members: 5000 }, { id: 'C', members: 900 }];
  assert.deepEqual(seatsOf(apportion(parties, 10, 'sainte-lague')), { A: 5, B: 4, C: 1 });
  assert.deepEqual(seatsOf(apportion(parties, 10, 'hamilton')), { A: 5, B: 4, C: 1 });
  assert.deepEqual(seatsOf(apportion(parties, 10, 'dhondt')), { A: 6, B: 4, C: 0 });
  const quota = apportion(parties, 10, 'hamilton').units[2]!.quota;
  assert.deepEqual(quota, { numerator: 3n, denominator: 4n }, 'C’s quota: 900 × 10 / 12,000 = 3/4');
});

test('a minimum per unit is granted first; the rest is shared by the method', () => {
  const units = [{ id: 'big', members: 9700 }, { id: 'mid', members: 250 }, { id: 'small', members: 50 }];
  assert.deepEqual(seatsOf(apportion(units, 20, 'dhondt')), { big: 20, mid: 0, small: 0 });
  assert.deepEqual(seatsOf(apportion(units, 20, 'dhondt', { minimum: 1 })), { big: 18, mid: 1, small: 1 });
  assert.deepEqual(seatsOf(apportion(units, 20, 'hamilton', { minimum: 1 })), { big: 18, mid: 1, small: 1 });
  assert.deepEqual(seatsOf(apportion(units, 20, 'hamilton', { minimum: 2 })), { big: 16, mid: 2, small: 2 });
  // A unit with no member in good standing gets no seat, minimum or not.
  assert.equal(seatsOf(apportion([...units, { id: 'empty', members: 0 }], 20, 'sainte-lague', { minimum: 1 })).empty, 0);
});

test('an exact tie for the last seat is broken by the lot order and reported', () => {
  // north and south hold the same members: whatever the method, one seat each, then a tie for the third.
  const units = [{ id: 'north', members: 300 }, { id: 'south', members: 300 }, { id: 'east', members: 0 }];
  for (const method of APPORTIONMENT_METHODS) {
    const lot = drawLotOrder('entry 42', units.map((u) => u.id));
    const r = apportion(units, 3, method, { lotOrder: lot });
    const winner = lot.find((id) => id !== 'east')!;
    assert.equal(r.ties.length, 1, method);
    assert.deepEqual([...r.ties[0]!.tied].sort(), ['north', 'south'], method);
    assert.deepEqual(r.ties[0]!.chosen, [winner], method);
    assert.equal(r.units.reduce((a, u) => a + u.seats, 0), 3);
    assert.equal(seatsOf(r)[winner], 2);
  }
});

test('bad input is refused with a code, never shared', () => {
  const refused = (f: () => unknown, code: string) => assert.throws(f, (e: unknown) => e instanceof CountingError && e.code === code);
  refused(() => apportion([], 5, 'dhondt'), 'apportionment.no_units');
  refused(() => apportion([{ id: 'a', members: 1 }], 0, 'dhondt'), 'apportionment.seats');
  refused(() => apportion([{ id: 'a', members: -1 }], 5, 'dhondt'), 'apportionment.members');
  refused(() => apportion([{ id: 'a', members: 1 }, { id: 'a', members: 2 }], 5, 'dhondt'), 'apportionment.unit');
  refused(() => apportion([{ id: 'a', members: 0 }], 5, 'dhondt'), 'apportionment.no_members');
  refused(() => apportion([{ id: 'a', members: 1 }, { id: 'b', members: 1 }], 3, 'dhondt', { minimum: 2 }), 'apportionment.minimum');
  refused(() => apportion([{ id: 'a', members: 1 }], 5, 'plurality' as never), 'apportionment.method');
});

test('properties: every seat given, no unit below its minimum, quota rule for Hamilton, monotone in the house size for divisor methods', () => {
  const unitsArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), members: fc.integer({ min: 1, max: 1_000_000 }) }), { minLength: 1, maxLength: 30, selector: (u) => u.id });
  fc.assert(
    fc.property(unitsArb, fc.integer({ min: 0, max: 200 }), fc.constantFrom(...APPORTIONMENT_METHODS), (units: ApportionedUnit[], extra, method) => {
      const seats = units.length + extra;
      const r = apportion(units, seats, method, { minimum: 1 });
      assert.equal(r.units.reduce((a, u) => a + u.seats, 0), seats);
      for (const u of r.units) assert.ok(u.seats >= 1);
      if (method === 'hamilton') {
        const plain = apportion(units, seats, 'hamilton');
        for (const u of plain.units) {
          const low = u.quota.numerator / u.quota.denominator;
          assert.ok(BigInt(u.seats) === low || BigInt(u.seats) === low + 1n, 'Hamilton stays within its quota');
        }
      } else {
        // Divisor methods have no Alabama paradox: one seat more never takes a seat from a unit.
        const more = apportion(units, seats + 1, method, { minimum: 1 });
        r.units.forEach((u, i) => assert.ok(more.units[i]!.seats >= u.seats));
      }
    }),
    { numRuns: 200 },
  );
});
