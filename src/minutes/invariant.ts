// The minutes' named error for a state the code that reached it has ruled out (a record read
// without change tracking, a session that was just found, an organization with no
// constitution after its founding). It means a bug, never bad input: those get a MinutesError.

/** Thrown when the minutes meet a state that the code before them has made impossible; never caught as a user's error. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}
