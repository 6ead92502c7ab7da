import Link from "next/link";
import { redirect } from "next/navigation";
import { signedIn } from "@/lib/auth/current";
import { enrolment, newSecret, sealSecret } from "@/lib/auth/totp";
import { isAdminRole } from "@/lib/workflow";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { ActionForm, Hidden, SubmitButton, TextField } from "@/components/ui/form";
import { disableTwoFactorAction, enrolTwoFactorAction } from "../actions";

export const metadata = { title: "双因素认证" };

export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const s = await signedIn();
  if (!s) redirect("/login");
  if (s.pending === "password" || s.pending === "password_expired") redirect("/account/password");
  const { changed } = await searchParams;
  const admin = isAdminRole(s.actor.role);
  if (s.totp) {
    return (
      <>
        <PageHeader title="双因素认证" subtitle={<Link href="/account/password" className="text-brand-700 underline">修改密码</Link>} />
        <Card>
          <p className="text-sm" data-testid="totp-on">已启用。登录时除密码外，还需输入手机验证器上显示的6位动态验证码。</p>
          {admin ? (
            <p className="mt-2 text-sm text-stone-600">管理员账号必须启用双因素认证。更换手机时，请联系安全管理员重置。</p>
          ) : (
            <div className="mt-4 max-w-xs">
              <ActionForm action={disableTwoFactorAction} label="关闭双因素认证">
                <TextField name="code" label="当前动态验证码" autoComplete="one-time-code" required />
                <SubmitButton variant="secondary">关闭双因素认证</SubmitButton>
              </ActionForm>
            </div>
          )}
        </Card>
      </>
    );
  }
  // A fresh secret on every visit; it is stored only when a code from the app confirms it.
  const secret = newSecret();
  const { svg, secret: shown } = await enrolment(secret, s.username);
  return (
    <>
      <PageHeader title="启用双因素认证" />
      {changed && <Alert tone="success">密码已修改。</Alert>}
      {s.pending === "totp" && <Alert tone="warn">管理员账号须启用双因素认证后才能开始工作。</Alert>}
      <Card>
        <ol className="list-decimal space-y-3 pl-5 text-sm">
          <li>在手机上打开验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”“Google 身份验证器”等），扫描下方二维码。</li>
          <li>
            <div className="my-2 h-48 w-48 rounded border border-stone-200 bg-white p-1" role="img" aria-label="双因素认证二维码" dangerouslySetInnerHTML={{ __html: svg }} />
            无法扫码时，可在应用中手动输入密钥：
            <code className="mt-1 block break-all rounded bg-stone-100 px-2 py-1 font-mono text-sm" data-testid="totp-secret">{shown}</code>
          </li>
          <li>输入应用中显示的6位数字，完成启用。</li>
        </ol>
        <div className="mt-4 max-w-xs">
          <ActionForm action={enrolTwoFactorAction} label="启用双因素认证">
            <Hidden name="sealed" value={sealSecret(secret)} />
            <TextField name="code" label="动态验证码" autoComplete="one-time-code" required />
            <SubmitButton>启用</SubmitButton>
          </ActionForm>
        </div>
      </Card>
    </>
  );
}
