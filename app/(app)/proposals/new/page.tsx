import { deputyOptions, sessionOptions } from "@/db/queries/options";
import { requirePage } from "@/lib/auth/current";
import { Card, PageHeader } from "@/components/ui/card";
import { RegisterForm } from "@/components/proposal/register-form";

export const metadata = { title: "登记建议" };

export default async function NewProposalPage() {
  await requirePage("proposal.register");
  return (
    <>
      <PageHeader title="登记建议" subtitle="按届次编号登记代表提出的建议" />
      <Card>
        <RegisterForm sessions={sessionOptions()} deputies={deputyOptions()} />
      </Card>
    </>
  );
}
