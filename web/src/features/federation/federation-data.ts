// The federation's read models as the views read them (GET /api/units, /api/units/:id,
// /api/members/:id/unit, /api/conferences, /api/conferences/:id/apportionment): the engine's own
// types (src/governance/federation/read.ts), nothing of the engine bundled.
import type { ApportionmentTable, UnitView } from '../../../../src/governance/federation/read.js';
import type { PlacementStep, TransferRequest } from '../../../../src/governance/federation/model.js';

export type { ApportionmentTable, PlacementStep, TransferRequest, UnitView };

/** One unit with its roster and the transfers into and out of it. */
export type UnitDetail = UnitView & { roster: { id: string; name: string; unit: string }[]; transfers: TransferRequest[] };

/** A member's unit, their history of units and their transfer requests. */
export interface MemberUnit {
  member: string;
  unit: string;
  name: string;
  since: string | null;
  by: string;
  history: PlacementStep[];
  transfers: TransferRequest[];
}

/** The organization as a whole: the tree's root. */
export const ROOT_UNIT = 'root';

/** A unit's name from the tree (its id if unknown). */
export function unitNameIn(units: UnitView[] | undefined, id: string): string {
  return units?.find((u) => u.id === id)?.name ?? id;
}

/** The path of a unit's page. */
export const unitPath = (id: string) => `/units/${encodeURIComponent(id)}`;
/** The path of a conference's apportionment table. */
export const conferencePath = (id: string) => `/conferences/${encodeURIComponent(id)}`;
