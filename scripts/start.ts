import { spawn, type ChildProcess } from "node:child_process";
import { prepare } from "./prepare";
import { serverCommand } from "./server-memory";

/**
 * `npm start`: prepare the data folder and database, then serve the built app (scripts/serve.mjs),
 * and keep it served: if the server process dies (out of memory, killed), it is started again after
 * a pause that doubles with each crash in a row (1 s, 2 s, 4 s … at most 30 s; a server that ran for
 * a minute starts the count afresh), with a line in the log. Stopping `npm start` (Ctrl-C, SIGTERM)
 * stops the server and does not restart it.
 */
const MAX_PAUSE_MS = 30_000;
const STABLE_MS = 60_000;

async function main() {
  const args = process.argv.slice(2);
  const port = process.env.PORT ?? "3000";
  await prepare({ fresh: args.includes("--fresh"), variant: args.includes("--journey") ? "journey" : "demo" });
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const command = serverCommand(port, process.env.HOSTNAME_BIND);

  let child: ChildProcess | null = null;
  let stopping = false;
  let crashes = 0;
  const launch = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, command, { stdio: "inherit", env: process.env });
    child.on("exit", (code, signal) => {
      if (stopping) process.exit(code ?? 0);
      crashes = Date.now() - startedAt > STABLE_MS ? 1 : crashes + 1;
      const pause = Math.min(MAX_PAUSE_MS, 1000 * 2 ** (crashes - 1));
      console.error(
        `[${new Date().toISOString()}] 服务进程意外退出（${signal ? `信号 ${signal}` : `退出码 ${code}`}），${pause / 1000} 秒后自动重启（连续第 ${crashes} 次）。`,
      );
      setTimeout(() => {
        if (!stopping) launch();
      }, pause);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      stopping = true;
      if (child && child.exitCode == null && child.signalCode == null) child.kill(signal);
      else process.exit(0);
    });
  launch();
}

main().catch((error) => {
  console.error("启动失败：", error);
  process.exit(1);
});
