import { Button } from "@/components/ui/button";

/** Choosing the session is a plain GET form: it works before any script has loaded. */
export function SessionPicker({
  action,
  sessions,
  current,
  hidden = {},
}: {
  action: string;
  sessions: { id: number; name: string }[];
  current: number;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2" aria-label="选择届次">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="text-xs text-stone-600">
        届次
        <select name="session" defaultValue={current} className="block min-h-10 rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary">
        查看
      </Button>
    </form>
  );
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The session asked for, if it exists; otherwise the newest (the list comes newest first). */
export function chosenSession(sessions: { id: number; name: string }[], sp: Search) {
  const asked = Number(one(sp.session));
  return sessions.find((s) => s.id === asked) ?? sessions[0];
}
