// What every view receives from the shell: the live state of the record and this browser's identity.
import type { Identity } from '../keys.js';
import type { Live, LiveState } from '../live.js';

export interface ViewProps {
  live: Live;
  state: LiveState;
  identity: Identity | null;
  setIdentity: (identity: Identity | null) => void;
}
