import Link from "next/link";
import { notFound } from "next/navigation";
import { adminLists } from "@/db/queries/admin";
import { requirePage } from "@/lib/auth/current";
import { roleLabel, unitKindLabel } from "@/lib/labels";
import { isAdminRole } from "@/lib/workflow";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { DeputyForm, SessionForm, UnitForm, UserForm } from "@/components/admin-forms";
import { AdminTabs } from "@/components/admin-tabs";

const tabs = { users: "账号", units: "单位", deputies: "代表", sessions: "届次" } as const;
type Entity = keyof typeof tabs;

export const metadata = { title: "系统管理" };

export default async function AdminPage({ params, searchParams }: { params: Promise<{ entity: string }>; searchParams: Promise<{ edit?: string }> }) {
  const actor = await requirePage("admin.view");
  const { entity } = await params;
  if (!(entity in tabs)) notFound();
  const { edit } = await searchParams;
  const data = adminLists(actor);
  const editId = Number(edit) || undefined;
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const deputyName = new Map(data.deputies.map((d) => [d.id, d.name]));
  const unitOpts = data.units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }));
  const deputyOpts = data.deputies.filter((d) => d.active).map((d) => ({ value: String(d.id), label: `${d.name}（${d.deputation}）` }));
  const status = (active: boolean) => (active ? <Badge tone="success">启用</Badge> : <Badge>停用</Badge>);
  const editLink = (id: number) => (
    <Link href={`/admin/${entity}?edit=${id}`} className="text-brand-700 hover:underline">编辑</Link>
  );

  const e = entity as Entity;
  const editing = editId ? (data[e] as { id: number }[]).find((r) => r.id === editId) : undefined;
  return (
    <>
      <PageHeader title="系统管理" subtitle="维护届次、承办单位、代表和账号。已被办理记录引用的数据只能停用，不能删除。" />
      <AdminTabs current={e} />
      <div className="space-y-4">
        <Card title={editing ? `编辑${tabs[e]}` : `新增${tabs[e]}`} actions={editing ? <Link href={`/admin/${e}`} className="text-sm text-brand-700">取消编辑</Link> : undefined}>
          {e === "sessions" && <SessionForm key={editId} row={editing as never} />}
          {e === "units" && <UnitForm key={editId} row={editing as never} />}
          {e === "deputies" && <DeputyForm key={editId} row={editing as never} />}
          {e === "users" && <UserForm key={editId} row={editing as never} units={unitOpts} deputies={deputyOpts} />}
        </Card>
        <Card title={`${tabs[e]}列表`}>
          {e === "sessions" && (
            <Table head={["名称", "届", "次", "开幕日期", "状态", ""]}>
              {data.sessions.map((s) => (
                <tr key={s.id}><Td>{s.name}</Td><Td>{s.term}</Td><Td>{s.meeting}</Td><Td>{s.openedOn ?? "—"}</Td><Td>{status(s.active)}</Td><Td>{editLink(s.id)}</Td></tr>
              ))}
            </Table>
          )}
          {e === "units" && (
            <Table head={["单位名称", "文号代字", "类型", "状态", ""]}>
              {data.units.map((u) => (
                <tr key={u.id}><Td>{u.name}</Td><Td>{u.shortName}</Td><Td>{unitKindLabel[u.kind]}</Td><Td>{status(u.active)}</Td><Td>{editLink(u.id)}</Td></tr>
              ))}
            </Table>
          )}
          {e === "deputies" && (
            <Table head={["姓名", "代表团", "联系电话", "状态", ""]}>
              {data.deputies.map((d) => (
                <tr key={d.id}><Td>{d.name}</Td><Td>{d.deputation}</Td><Td>{d.phone || "—"}</Td><Td>{status(d.active)}</Td><Td>{editLink(d.id)}</Td></tr>
              ))}
            </Table>
          )}
          {e === "users" && (
            <Table head={["用户名", "姓名", "角色", "单位 / 代表", "状态", ""]}>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <Td className="font-mono text-xs">{u.username}</Td><Td>{u.displayName}</Td><Td>{roleLabel[u.role]}</Td>
                  <Td>{u.unitId ? unitName.get(u.unitId) : u.deputyId ? deputyName.get(u.deputyId) : "—"}</Td>
                  <Td>
                    {u.pendingChange?.kind === "create" ? <Badge tone="warn">待安全管理员审核</Badge> : status(u.active)}
                    {u.pendingChange?.kind === "relink" && <span className="ml-1"><Badge tone="warn">关联变更待审核</Badge></span>}
                  </Td>
                  <Td>{isAdminRole(u.role) ? <span className="text-xs text-stone-500">由安全管理员管理</span> : editLink(u.id)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
