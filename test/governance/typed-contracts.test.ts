// The contract between deciders, evolvers and readers is the type checker's to prove: every
// event a decider emits is one some capability declares (`EventMap`), an evolver exists only
// for such an event, and a renamed field fails `tsc` (the `@ts-expect-error` lines below fail
// the type check the day they stop being errors). At run time, an event no capability evolves
// stops the replay with an InvariantError instead of being skipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../../src/acts/envelope.js';
import { InvariantError } from '../../src/governance/kernel/errors.js';
import { evolve } from '../../src/governance/kernel/engine.js';
import { State } from '../../src/governance/kernel/state.js';
import type { Capability, Event } from '../../src/governance/kernel/types.js';

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
