// Sending a congress act built in congress-acts.ts, and naming a session's members: shared by the
// delegate's session panel, the presiding view and the projector.
import type { ActType } from '../../../../src/governance/kernel/registry.js';
import type { CongressAct } from '../../congress-acts.js';
import type { Identity } from '../../keys.js';
import type { SessionDetail } from '../../session-data.js';
import type { ViewProps } from '../../shell/view-props.js';
import { useAct } from '../../use-act.js';

type State = ViewProps['state'];

/** Sends a congress act built in congress-acts.ts. */
export function useCongressAct(identity: Identity | null) {
  const act = useAct(identity);
  return { ...act, run: <T extends ActType>(a: CongressAct<T>) => act.send<T>(a[0], a[1]) };
}

/** A function naming a member of the session: the delegate list's name, else the record's, else the id. */
export function nameOf(state: State, detail: SessionDetail | null) {
  const byMember = new Map(detail?.delegates?.map((d) => [d.member, d.name]));
  return (member: string) => detail?.names?.[member] ?? byMember.get(member) ?? state.members.find((m) => m.id === member)?.name ?? member;
}
