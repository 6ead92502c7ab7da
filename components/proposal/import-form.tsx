"use client";

import { startTransition, useActionState, useRef } from "react";
import { importAction, type ImportPreviewState } from "@/app/(app)/proposals/import/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";

type Option = { value: string; label: string };

/** Upload, preview every row's problems, then import all or nothing; the chosen file stays chosen. */
export function ImportForm({ sessions }: { sessions: Option[] }) {
  const [state, dispatch, pending] = useActionState<ImportPreviewState, FormData>(importAction, {});
  const form = useRef<HTMLFormElement>(null);
  const send = (intent: "preview" | "import") => {
    const data = new FormData(form.current!);
    data.set("intent", intent);
    startTransition(() => dispatch(data));
  };
  const problems = state.rows?.filter((r) => r.problems.length) ?? [];
  return (
    <div className="space-y-4">
      <form ref={form} onSubmit={(e) => { e.preventDefault(); send("preview"); }} aria-label="导入建议" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">届次</span>
          <select name="sessionId" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm">
            {sessions.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Excel 文件（.xlsx）</span>
          <input type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" />
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "正在检查…" : "预览"}</Button>
        <Button type="button" disabled={pending || !state.ok} onClick={() => send("import")}>
          {state.ok ? `确认导入 ${state.rows?.length ?? 0} 件` : "确认导入"}
        </Button>
      </form>
      {state.message && <Alert tone={state.imported ? "success" : state.ok ? "info" : "error"}>{state.message}</Alert>}
      {state.rows && state.rows.length > 0 && !state.imported && (
        <Table head={["行", "编号", "建议标题", "领衔代表", "附议代表", "领域", "建议承办单位", "问题"]} caption="导入预览">
          {state.rows.map((r) => (
            <tr key={r.row} data-testid={`import-row-${r.row}`} className={r.problems.length ? "bg-red-50" : undefined}>
              <Td>{r.row}</Td>
              <Td>{r.number ?? "—"}</Td>
              <Td>
                {r.title || "—"}
                {r.similar && (
                  <div className="text-xs text-amber-800" data-testid="import-similar">
                    与{r.similar.sessionName}第{r.similar.number}号《{r.similar.title}》相似（{r.similar.shared.join("、")}），请甄别是否并案或重复提出
                  </div>
                )}
              </Td>
              <Td>{r.leadDeputy || "—"}</Td>
              <Td>{r.cosigners.join("、") || "—"}</Td>
              <Td>{r.field || "—"}</Td>
              <Td>{r.units.join("、") || "—"}</Td>
              <Td className="text-red-700">
                {r.problems.length === 0 ? <span className="text-emerald-700">无</span> : r.problems.map((p, i) => <div key={i}>【{p.column}】{p.message}</div>)}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {problems.length > 0 && <p className="text-sm text-stone-600">有问题的行全部改正后才能导入；导入时全部写入或全部不写入。</p>}
    </div>
  );
}
