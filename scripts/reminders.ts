import { runReminders } from "../lib/reminders";

/** `npm run reminders`: the daily reminder job, by hand or from cron. Safe to run any number of times. */
runReminders()
  .then(({ created, emailed }) => console.log(`提醒任务完成：新增提醒 ${created} 条，发送邮件 ${emailed} 封。`))
  .catch((error) => {
    console.error("提醒任务失败：", error);
    process.exit(1);
  });
