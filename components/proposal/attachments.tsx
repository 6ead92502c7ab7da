import { attachmentsOf } from "@/db/queries/attachments";
import { deleteAttachmentAction, uploadAttachmentAction } from "@/app/(app)/proposals/attachment-actions";
import { maxUploadMb } from "@/lib/attachments-store";
import type { Actor } from "@/lib/auth/actor";
import { formatDateTime, roleLabel } from "@/lib/labels";
import { Card, EmptyState } from "@/components/ui/card";
import { ActionForm, Hidden, Select, SubmitButton } from "@/components/ui/form";

const ACCEPT = [
  ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".docx", ".xlsx",
  "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
].join(",");

export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const linkButton =
  "inline-flex min-h-10 items-center justify-center rounded-md border border-stone-300 bg-white px-4 text-sm font-medium text-stone-800 hover:bg-stone-100";

/**
 * 附件: the files on this proposal the viewer may see, and a form to add one where they may.
 * The list and the choices come from the viewer's scope; the services check everything again.
 */
export function AttachmentsCard({ actor, proposalId }: { actor: Actor; proposalId: number }) {
  const { files, targets, waitingForDocument, allSent } = attachmentsOf(actor, proposalId);
  if (files.length === 0 && targets.length === 0 && !waitingForDocument && !allSent) return null;
  const mb = maxUploadMb();
  return (
    <Card title="附件" id="attachments">
      {files.length === 0 ? (
        <EmptyState>暂无附件。</EmptyState>
      ) : (
        <ul className="divide-y divide-stone-100" data-testid="attachments">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3" data-testid={`attachment-${f.id}`}>
              <div className="min-w-0 flex-1 basis-60">
                <p className="break-all text-sm font-medium text-stone-900">{f.fileName}</p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-stone-500">
                  <span>{f.on}</span>
                  <span>{formatSize(f.size)}</span>
                  <span>
                    {f.uploaderUnit ?? roleLabel[f.uploaderRole]} {f.uploader}
                  </span>
                  <time>{formatDateTime(f.createdAt)}</time>
                </p>
              </div>
              <div className="flex shrink-0 items-start gap-2">
                <a href={`/api/attachments/${f.id}`} className={linkButton} aria-label={`下载 ${f.fileName}`}>
                  下载
                </a>
                {f.canDelete && (
                  <ActionForm action={deleteAttachmentAction} label={`删除附件 ${f.fileName}`} className="space-y-2">
                    <Hidden name="attachmentId" value={f.id} />
                    <SubmitButton variant="danger">删除</SubmitButton>
                  </ActionForm>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      {targets.length > 0 && (
        <ActionForm action={uploadAttachmentAction} label="上传附件" className="mt-4 space-y-3 border-t border-stone-100 pt-4">
          {targets.length > 1 ? (
            <Select name="target" label="附加到" required options={targets} placeholder="请选择附件所属的事项" />
          ) : (
            <>
              <Hidden name="target" value={targets[0].value} />
              <p className="text-sm text-stone-700">附加到：{targets[0].label}</p>
            </>
          )}
          <div className="space-y-1">
            <label htmlFor="attachment-file" className="block text-sm font-medium text-stone-800">
              选择文件<span className="ml-0.5 text-brand-600" aria-hidden>*</span>
            </label>
            <input
              id="attachment-file"
              type="file"
              name="file"
              accept={ACCEPT}
              aria-describedby="attachment-file-hint"
              className="block w-full max-w-full text-sm text-stone-700 file:mr-3 file:min-h-10 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:text-sm file:font-medium"
            />
            <p id="attachment-file-hint" className="text-xs text-stone-500">
              仅支持 PDF、图片（PNG、JPEG、GIF、WebP）、Word（.docx）和 Excel（.xlsx）文件，单个文件不能超过 {mb} MB。
            </p>
          </div>
          <SubmitButton>上传</SubmitButton>
        </ActionForm>
      )}
      {waitingForDocument && (
        <p className="mt-4 border-t border-stone-100 pt-4 text-sm text-stone-500">本单位保存协办意见或答复草稿后，可在此上传其附件；文稿签发送出后，附件不能再增删。</p>
      )}
      {allSent && targets.length === 0 && (
        <p className="mt-4 border-t border-stone-100 pt-4 text-sm text-stone-500">本单位文稿已签发送出，其附件不能再增删。</p>
      )}
    </Card>
  );
}
