// Elections as the views read them: the election's method and phase, and the seats the statute defines.
import { useEffect, useState } from 'preact/hooks';
import type { Election, ElectionBallot } from '../../../../src/governance/kernel/state.js';
import { getJson } from '../../api.js';
import type { ELECTION_PHASE } from '../../labels.js';

type Method = NonNullable<Election['method']>;

/** GET /api/elections/:id: the election with its open ballots and frozen electorate in place of their counts. */
export type ElectionCore = Omit<Election, 'ballots' | 'electorate'>;

/** An election whole, as GET /api/elections/:id answers. */
export type ElectionDetail = ElectionCore & { ballots: ElectionBallot[]; electorate: { voters: string[] } | null };

/** The seats the statute defines: the offices and the elected bodies. */
export interface SeatDefs {
  offices: { id: string; name: string; electedBy: string }[];
  bodies: { id: string; name: string; composition: { kind: string; electedBy?: string } }[];
}

/** An election's counting method (plurality when the statute names none). */
export const methodOf = (e: ElectionCore): Method => e.method ?? 'plurality';

/** Whether a method takes a ranking (STV) rather than names. */
export const isRanked = (m: Method) => m === 'stv-scottish' || m === 'stv-meek';

/** The constitution's offices and bodies (names, who elects them), read once per version. */
export function useSeats(version: number | undefined): SeatDefs | null {
  const [seats, setSeats] = useState<SeatDefs | null>(null);
  useEffect(() => {
    let gone = false;
    getJson<{ constitution: SeatDefs }>('/api/constitution')
      .then((c) => !gone && setSeats({ offices: c.constitution.offices, bodies: c.constitution.bodies }))
      .catch(() => undefined);
    return () => void (gone = true);
  }, [version]);
  return seats;
}

/** The seat an election fills, by the statute's names. */
export function seatName(e: ElectionCore, seats: SeatDefs | null): string {
  if ('office' in e.seat) {
    const id = e.seat.office;
    return seats?.offices.find((o) => o.id === id)?.name ?? id;
  }
  const id = e.seat.body;
  return seats?.bodies.find((b) => b.id === id)?.name ?? id;
}

/** nominating, voting, run-off (a second round being voted) or closed. */
export function phase(e: ElectionCore): keyof typeof ELECTION_PHASE {
  return e.status === 'voting' && (e.round ?? 1) > 1 ? 'runoff' : e.status;
}
