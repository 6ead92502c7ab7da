import type { Metadata, Viewport } from "next";
import "./globals.css";
import { SkipLink } from "@/components/ui/skip-link";

export const metadata: Metadata = {
  title: { default: "人大代表建议办理系统", template: "%s · 人大代表建议办理系统" },
  description: "人大代表建议的登记、交办、办理、答复与评价",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">
        <SkipLink />
        {children}
      </body>
    </html>
  );
}
