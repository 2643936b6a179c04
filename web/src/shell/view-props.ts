// What every view receives from the shell: the live state of the record and this browser's identity.
import type { Identity } from '../keys.js';
import type { Live, LiveState } from '../live.js';

/** The live record, its state, and the identity this browser acts as (null before enrolling). */
export interface ViewProps {
  live: Live;
  state: LiveState;
  identity: Identity | null;
  setIdentity: (identity: Identity | null) => void;
}
