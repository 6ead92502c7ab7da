import { spawn } from "node:child_process";
import path from "node:path";
import { prepare } from "./prepare";
import { serverNodeArgs } from "./server-memory";

/** `npm start`: prepare the data folder and database, then serve the built app with `next start`. */
async function main() {
  const args = process.argv.slice(2);
  const port = process.env.PORT ?? "3000";
  await prepare({ fresh: args.includes("--fresh"), variant: args.includes("--journey") ? "journey" : "demo" });
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...serverNodeArgs(), next, "start", "-p", port, ...(process.env.HOSTNAME_BIND ? ["-H", process.env.HOSTNAME_BIND] : [])], {
    stdio: "inherit",
    env: process.env,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error("启动失败：", error);
  process.exit(1);
});
