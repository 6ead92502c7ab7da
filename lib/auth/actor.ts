import type { Role } from "../workflow";

/** Who is acting, as loaded fresh from the database for every request. */
export type Actor = {
  id: number;
  role: Role;
  unitId: number | null;
  deputyId: number | null;
  displayName: string;
};

export const isUnitRole = (role: Role) => role === "unit_staff" || role === "unit_leader";
export const isOffice = (role: Role) => role === "congress_office" || role === "gov_office";
