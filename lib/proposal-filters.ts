import { FIELDS, PROPOSAL_STATES, REPLY_CATEGORIES, type ProposalState, type ReplyCategory } from "./workflow";
import { categoryLabel, proposalStateLabel } from "./labels";

/** The proposal list's filters, read from a URL's search parameters (anything odd is ignored). */
export type ProposalFilters = {
  sessionId?: number;
  state?: ProposalState;
  unitId?: number;
  field?: string;
  /** Category of a reply that has been sent (A/B/C/D). */
  category?: ReplyCategory;
  key?: boolean;
  q?: string;
  /** Leave out proposals merged into another (并案): the 待交办 list, where only the main one is assigned. */
  unmerged?: boolean;
  page?: number;
};

type Search = Record<string, string | string[] | undefined> | URLSearchParams;
const get = (sp: Search, k: string) => (sp instanceof URLSearchParams ? (sp.get(k) ?? "") : ((Array.isArray(sp[k]) ? sp[k]![0] : sp[k]) ?? ""));
const positive = (v: string) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

export function parseProposalFilters(sp: Search, { unitFilter }: { unitFilter: boolean }): ProposalFilters {
  const state = get(sp, "state");
  const field = get(sp, "field");
  const category = get(sp, "category");
  return {
    sessionId: positive(get(sp, "session")),
    state: (PROPOSAL_STATES as readonly string[]).includes(state) ? (state as ProposalState) : undefined,
    unitId: unitFilter ? positive(get(sp, "unit")) : undefined,
    field: (FIELDS as readonly string[]).includes(field) ? field : undefined,
    category: (REPLY_CATEGORIES as readonly string[]).includes(category) ? (category as ReplyCategory) : undefined,
    key: get(sp, "key") === "1",
    q: get(sp, "q").trim().slice(0, 50) || undefined,
    page: positive(get(sp, "page")) ?? 1,
  };
}

export function filterQuery(f: ProposalFilters, page?: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ session: f.sessionId, state: f.state, unit: f.unitId, field: f.field, category: f.category, key: f.key ? "1" : "", q: f.q }))
    if (v) params.set(k, String(v));
  if (page && page > 1) params.set("page", String(page));
  return params.toString();
}

/** The filter in words, as written on an exported sheet. */
export function describeFilters(f: ProposalFilters, names: { session?: string; unit?: string }) {
  return [
    f.sessionId && `届次：${names.session ?? f.sessionId}`,
    f.state && `状态：${proposalStateLabel[f.state]}`,
    f.unitId && `承办单位：${names.unit ?? f.unitId}`,
    f.field && `领域：${f.field}`,
    f.category && `答复类别：${categoryLabel[f.category]}`,
    f.key && "仅重点督办",
    f.q && `关键词“${f.q}”`,
  ]
    .filter(Boolean)
    .join("；");
}
