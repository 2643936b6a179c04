// Naming members in the safeguards views: the record's name where the member is known, else the id.
import type { ViewProps } from '../../shell/view-props.js';

/** A function naming a member by the record's name, else their id. */
export function useName(state: ViewProps['state']) {
  return (id: string) => state.members.find((m) => m.id === id)?.name ?? id;
}
