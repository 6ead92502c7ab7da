import Link from "next/link";
import { securityOverview } from "@/db/queries/security";
import { requirePage } from "@/lib/auth/current";
import { formatDateTime, roleLabel } from "@/lib/labels";
import { isAdminRole } from "@/lib/workflow";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { AccountDecisionButtons, PolicyForm, ResetTwoFactorButton, RoleForm, UnlockButton } from "@/components/security-forms";

export const metadata = { title: "安全管理" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  const actor = await requirePage("security.view");
  const data = securityOverview(actor);
  const { user } = await searchParams;
  const editing = data.users.find((u) => u.id === Number(user) && u.id !== actor.id);
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const deputyName = new Map(data.deputies.map((d) => [d.id, d.name]));
  const unitOpts = data.units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: u.name }));
  const deputyOpts = data.deputies.filter((d) => d.active).map((d) => ({ value: String(d.id), label: `${d.name}（${d.deputation}）` }));
  const pending = data.users.filter((u) => u.pendingChange);
  const linkName = (unitId: number | null, deputyId: number | null) => (unitId ? unitName.get(unitId) : deputyId ? deputyName.get(deputyId) : null) ?? "—";
  return (
    <>
      <PageHeader title="安全管理" subtitle="账号角色、登录锁定、双因素认证和安全策略。账号的新增、停用和密码重设由系统管理员办理。" />
      <div className="space-y-4">
        {editing && (
          <Card title={`调整角色：${editing.displayName}（${editing.username}）`} actions={<Link href="/security" className="text-sm text-brand-700">取消</Link>}>
            <RoleForm key={editing.id} user={editing} units={unitOpts} deputies={deputyOpts} />
          </Card>
        )}
        <Card title={`待审核的账号变更（${pending.length}）`}>
          {pending.length === 0 ? (
            <EmptyState>系统管理员新建的账号和单位、代表关联的变更，经您审核后生效。当前没有待审核的变更。</EmptyState>
          ) : (
            <Table head={["用户名", "姓名", "变更", "角色", "申请的单位 / 代表", "现在", ""]}>
              {pending.map((u) => (
                <tr key={u.id}>
                  <Td className="font-mono text-xs">{u.username}</Td>
                  <Td className="whitespace-nowrap">{u.displayName}</Td>
                  <Td className="whitespace-nowrap">{u.pendingChange!.kind === "create" ? "新建账号" : "变更关联"}</Td>
                  <Td className="whitespace-nowrap">{roleLabel[u.role]}</Td>
                  <Td className="whitespace-nowrap">{linkName(u.pendingChange!.unitId, u.pendingChange!.deputyId)}</Td>
                  <Td className="whitespace-nowrap">{u.pendingChange!.kind === "create" ? "未启用" : linkName(u.unitId, u.deputyId)}</Td>
                  <Td className="whitespace-nowrap"><AccountDecisionButtons userId={u.id} name={u.displayName} /></Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title={`登录锁定（${data.locks.length}）`}>
          {data.locks.length === 0 ? (
            <EmptyState>当前没有被锁定的账号。</EmptyState>
          ) : (
            <Table head={["用户名", "锁定的登录地址", "锁定至", ""]}>
              {data.locks.map((l) => (
                <tr key={`${l.username}|${l.ip}`}>
                  <Td className="font-mono text-xs">{l.username}</Td>
                  <Td className="font-mono text-xs">{l.ip || "所有地址"}</Td>
                  <Td>{formatDateTime(l.lockedUntil)}</Td>
                  <Td><UnlockButton username={l.username} /></Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="安全策略">
          <PolicyForm policy={data.policy} />
        </Card>
        <Card title="账号与角色">
          <Table head={["用户名", "姓名", "角色", "单位 / 代表", "双因素认证", "密码修改于", ""]}>
            {data.users.map((u) => (
              <tr key={u.id}>
                <Td className="font-mono text-xs">{u.username}</Td>
                <Td>
                  {u.displayName}
                  {u.pendingChange ? (
                    <span className="ml-1"><Badge tone="warn">待审核</Badge></span>
                  ) : (
                    !u.active && <span className="ml-1"><Badge>停用</Badge></span>
                  )}
                </Td>
                <Td>{roleLabel[u.role]}</Td>
                <Td>{linkName(u.unitId, u.deputyId)}</Td>
                <Td>
                  {u.totp ? <Badge tone="success">已启用</Badge> : isAdminRole(u.role) ? <Badge tone="warn">待绑定</Badge> : <span className="text-stone-500">未启用</span>}
                  {u.totp && u.id !== actor.id && <span className="ml-2"><ResetTwoFactorButton userId={u.id} name={u.displayName} /></span>}
                </Td>
                <Td className="whitespace-nowrap">{u.mustChangePassword ? <span className="text-amber-700">待本人修改</span> : formatDateTime(u.passwordChangedAt)}</Td>
                <Td>{u.id === actor.id ? <span className="text-xs text-stone-500">本人</span> : <Link href={`/security?user=${u.id}`} className="text-brand-700 hover:underline">调整角色</Link>}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
