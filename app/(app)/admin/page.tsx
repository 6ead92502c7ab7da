import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/current";

export default async function AdminIndex() {
  await requirePage("admin.view");
  redirect("/admin/users");
}
