import { sessionOptions } from "@/db/queries/options";
import { requirePage } from "@/lib/auth/current";
import { Card, PageHeader } from "@/components/ui/card";
import { ImportForm } from "@/components/proposal/import-form";

export const metadata = { title: "导入建议" };

export default async function ImportPage() {
  await requirePage("proposal.import");
  return (
    <>
      <PageHeader
        title="从 Excel 导入建议"
        subtitle="按模板填写建议清单后上传，先预览逐行检查，全部无误后一次导入。"
        actions={<a href="/api/import/template" className="inline-flex min-h-10 items-center rounded-md border border-stone-300 bg-white px-4 text-sm hover:bg-stone-100">下载模板</a>}
      />
      <Card>
        <ImportForm sessions={sessionOptions()} />
      </Card>
    </>
  );
}
