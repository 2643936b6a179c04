// The error the kernel throws for a state that cannot happen: an event no capability evolves, an
// entity an event names that the state does not hold, a hook used against its contract. Such a
// state is a bug in the engine or a capability, never a member's mistake (a member's mistake is a
// `Refusal`); it stops the replay rather than letting it go on from a state it cannot explain.

/** A broken invariant of the engine or of a capability: the replay MUST stop, not limp on. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}
