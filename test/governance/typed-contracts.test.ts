// The contract between deciders, evolvers and readers is the type checker's to prove: every
// event a decider emits is one some capability declares (`EventMap`), an evolver exists only
// for such an event, and a renamed field fails `tsc` (the `@ts-expect-error` lines below fail
// the type check the day they stop being errors). At run time, an event no capability evolves
// stops the replay with an InvariantError instead of being skipped. The same holds for acts:
// a misspelt act type or body field, where the web app or a test builds an act, fails `tsc`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/acts/envelope.js';
import { InvariantError } from '../../src/governance/kernel/errors.js';
import { actTypes, evolve } from '../../src/governance/kernel/engine.js';
import { actBodySchemas, capabilities, type ActBody, type ActOf, type ActType, type ResolutionOf } from '../../src/governance/kernel/registry.js';
import { State } from '../../src/governance/kernel/state.js';
import type { Capability, Event } from '../../src/governance/kernel/types.js';
import { acts, type CongressAct } from '../../web/src/congress-acts.js';
import type { useAct } from '../../web/src/use-act.js';

type Send = ReturnType<typeof useAct>['send'];

test('the type checker refuses an evolver for an event no capability declares, and a misspelt field', () => {
  const stray = {
    name: 'stray',
    acts: [],
    refusals: {},
    events: {
      // @ts-expect-error — no capability declares a 'motion.teleported' event
      'motion.teleported'(_state: State, _e: unknown) {},
    },
  } satisfies Capability;
  // @ts-expect-error — 'motion.adopted' carries `motion`, not `motoin`
  const misspelt: Event = { type: 'motion.adopted', motoin: 'm1', time: '2026-01-01T00:00:00.000Z' };
  const right: Event = { type: 'motion.adopted', motion: 'm1', time: '2026-01-01T00:00:00.000Z' };
  assert.equal(stray.name, 'stray');
  assert.notDeepEqual(misspelt, right);
});

test('an event no capability evolves stops the replay with an InvariantError', () => {
  const state = new State();
  const entry = { index: 0, time: '2026-01-01T00:00:00.000Z', act: { actor: 'ana', nonce: 'n' } } as unknown as Entry;
  const stray = { type: 'motion.teleported', motion: 'm1' } as unknown as Event;
  assert.throws(() => evolve(state, entry, [stray]), (e: unknown) => e instanceof InvariantError && /motion\.teleported/.test(e.message));
  assert.equal(state.size, 0, 'nothing of the entry applied');
});

// Act bodies: each capability exports its bodies' schemas (`motionBodies`, …), the registry
// gathers them into `ActBodies`, and the web app builds and sends acts typed by them.
test('the type checker refuses a misspelt act type or body field where an act is built', () => {
  // @ts-expect-error — there is no act type 'motion.propse'
  const misspeltType: ActOf = ['motion.propse', { body: 'congress', title: 'T', text: '' }];
  // @ts-expect-error — a vote carries `motion`, not `motoin`
  const misspeltField: ActBody<'vote.cast'> = { motoin: 'm1', choice: 'yes' };
  // @ts-expect-error — an open vote's choice is yes, no or abstain
  const wrongChoice: ActBody<'vote.cast'> = { motion: 'm1', choice: 'maybe' };
  const right: ActOf<'vote.cast'> = ['vote.cast', { motion: 'm1', choice: 'yes' }];
  // The web's builders are typed by the same map: a builder returns the act its name says.
  // @ts-expect-error — `acts.open` builds a `session.open`, not a `session.end`
  const wrongBuilder: CongressAct<'session.end'> = acts.open('s1');
  assert.deepEqual(acts.open('s1'), ['session.open', { session: 's1' }]);
  // The web's `useAct().send` takes the body of the type it is given.
  const sendVote = (send: Send) => {
    // @ts-expect-error — `session.vote.cast` names its vote `vote`, not `motion`
    void send('session.vote.cast', { motion: 'v1', choice: 'yes' });
    void send('session.vote.cast', { vote: 'v1', choice: 'yes' });
  };
  assert.equal(typeof sendVote, 'function');
  assert.equal(right[0], 'vote.cast');
  for (const wrong of [misspeltType, misspeltField, wrongChoice, wrongBuilder]) assert.ok(wrong);
});

test('the type checker refuses a resolution of an unknown kind, or with a misspelt parameter, in a motion', () => {
  const propose = (resolution: ActBody<'motion.propose'>['resolution']): ActBody<'motion.propose'> => ({ body: 'congress', title: 'T', text: '', ...(resolution ? { resolution } : {}) });
  // @ts-expect-error — no capability carries out a 'decision.anull' resolution
  const unknownKind = propose({ kind: 'decision.anull', target: { case: 'd1' }, reason: 'r' });
  // @ts-expect-error — an annulment gives its `reason`, not `reasn`
  const misspelt = propose({ kind: 'decision.annul', target: { case: 'd1' }, reasn: 'r' });
  // @ts-expect-error — a procedural overrule names an entry by its index (a number)
  const wrongType: ResolutionOf<'procedure.overrule'> = { kind: 'procedure.overrule', entry: '12' };
  const right = propose({ kind: 'decision.annul', target: { case: 'd1' }, reason: 'Wrongly charged.' });
  assert.equal(right.resolution?.kind, 'decision.annul');
  for (const wrong of [unknownKind, misspelt, wrongType]) assert.ok(wrong);
});

test('every act type the engine knows has its body schema in ActBodies, the very one its decider parses with', () => {
  const handled = capabilities.flatMap((c) => c.acts);
  const types = handled.map((a) => a.type).sort();
  assert.deepEqual(types, [...new Set(types)], 'no act type is owned twice');
  assert.deepEqual(Object.keys(actBodySchemas).sort(), types, 'one schema per act type, and none for a type no capability decides');
  assert.deepEqual(actTypes(), types);
  for (const handler of handled) {
    assert.equal(actBodySchemas[handler.type as ActType], handler.body, `${handler.type}: the registry's schema is the decider's`);
  }
});

test('an event about an entity the state does not hold stops the replay with an InvariantError, not a made-up entity', () => {
  const state = new State();
  const entry = { index: 0, time: '2026-01-01T00:00:00.000Z', act: { actor: 'ana', nonce: 'n' } } as unknown as Entry;
  const seconded: Event = { type: 'motion.seconded', motion: 'm404', member: 'ana' };
  assert.throws(() => evolve(state, entry, [seconded]), (e: unknown) => e instanceof InvariantError && /motions "m404"/.test(e.message));
  assert.equal(state.motions.has('m404'), false, 'no motion made up from the event');
});
