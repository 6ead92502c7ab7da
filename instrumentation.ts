/** Runs once when the server starts: schedules the reminder job and the audit retention prune inside the server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.BANLI_SCHEDULER === "off") return;
  const { runReminders } = await import("./lib/reminders");
  const { pruneAudit } = await import("./lib/audit");
  const { getDb } = await import("./db");
  const { now } = await import("./lib/clock");
  const run = () => {
    runReminders().catch((error) => console.error("提醒任务失败：", error));
    // Audit entries past the retention policy (never under 6 months) go, and the prune is itself recorded.
    try {
      pruneAudit(getDb(), now());
    } catch (error) {
      console.error("审计日志清理失败：", error);
    }
  };
  // Shortly after start (so a restart catches up), then hourly; the job itself never repeats a reminder.
  setTimeout(run, 15_000).unref();
  setInterval(run, 60 * 60_000).unref();
}
