import Link from "next/link";
import { redirect } from "next/navigation";
import { signedIn } from "@/lib/auth/current";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/form";
import { changePasswordAction } from "../actions";

export const metadata = { title: "修改密码" };

export default async function PasswordPage() {
  const s = await signedIn();
  if (!s) redirect("/login");
  return (
    <>
      <PageHeader title="修改密码" subtitle={s.pending ? undefined : <Link href="/account/two-factor" className="text-brand-700 underline">双因素认证设置</Link>} />
      {s.pending === "password" && <Alert tone="warn">您的密码由管理员设置，请先修改为只有您本人知道的密码，再开始办理工作。</Alert>}
      {s.pending === "password_expired" && <Alert tone="warn">您的密码已超过有效期，请修改后继续使用。</Alert>}
      <Card>
        <ActionForm action={changePasswordAction} label="修改密码">
          <TextField name="current" label="当前密码" type="password" autoComplete="current-password" required />
          <TextField
            name="next"
            label="新密码"
            type="password"
            autoComplete="new-password"
            required
            hint="至少10位，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名。"
          />
          <TextField name="confirm" label="再次输入新密码" type="password" autoComplete="new-password" required />
          <SubmitButton>修改密码</SubmitButton>
        </ActionForm>
      </Card>
    </>
  );
}
