import { serverCommand } from "./server-memory";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * What the crash and load tests share: the production server on 127.0.0.1 (started detached, so
 * its whole process group can be killed), and a client that signs in through next-auth and submits
 * the app's forms the way the browser does (Server Actions: `Next-Action` header, the arguments
 * encoded as React encodes them).
 */

export const HOST = "127.0.0.1";
export const PASSWORD = process.env.BANLI_DEMO_PASSWORD ?? "Banli@2026";
/** The app: these scripts run from its folder (npm run …), like the rest of the app (db/migrations). */
export const APP_DIR = process.cwd();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A base URL this harness will talk to: http on 127.0.0.1, nothing else. */
export function localBase(port: number) {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid port ${port}`);
  return `http://${HOST}:${port}`;
}

export function assertLocal(base: string) {
  const url = new URL(base);
  if (url.protocol !== "http:" || url.hostname !== HOST) throw new Error(`refusing to run against ${base}: only http://${HOST} is allowed`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Server Action ids by exported name, from the build's manifest. */
export function actionIds(): Map<string, string> {
  const file = path.join(APP_DIR, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids.set(entry.exportedName, id);
  return ids;
}

// ---- The server ----

export type Server = {
  port: number;
  base: string;
  child: ChildProcess;
  /** SIGKILL to the whole process group, resolved once the server process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** The last lines it printed. */
  log(): string;
};

export async function startServer({
  dataDir,
  port,
  secret,
  env = {},
  nodeArgs = [],
}: {
  dataDir: string;
  port: number;
  secret: string;
  env?: Record<string, string>;
  /** Options for Node itself (e.g. --cpu-prof), before Next's script. */
  nodeArgs?: string[];
}): Promise<Server> {
  const base = localBase(port);
  // The server and heap ceiling `npm start` uses (scripts/server-memory.ts), so measurements are of it.
  const child = spawn(process.execPath, serverCommand(port, HOST, nodeArgs), {
    cwd: APP_DIR,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      BANLI_DATA_DIR: dataDir,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      ...env,
    },
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const server: Server = {
    port,
    base,
    child,
    async kill() {
      signalGroup("SIGKILL");
      await exited;
    },
    async stop() {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      // Whatever the group still holds (nothing, normally).
      signalGroup("SIGKILL");
    },
    log: () => lines.join("\n"),
  };

  const deadline = Date.now() + 90_000;
  while (true) {
    if (gone) throw new Error(`server exited during start:\n${server.log()}`);
    try {
      const res = await fetch(`${base}/login`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`server did not answer within 90 s:\n${server.log()}`);
    }
    await sleep(50);
  }
}

// ---- Forms in the HTML ----

export type Form = { label: string; fields: Record<string, string>; html: string };

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attrs(tag: string) {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?/g)) out[m[1]] = decode(m[2] ?? "");
  return out;
}

/** The forms of a page by their aria-label, with the values a browser would submit unchanged. */
export function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const label = attrs(m[1])["aria-label"] ?? "";
    const body = m[2];
    const fields: Record<string, string> = {};
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attrs(input[1]);
      if (!a.name || a.type === "file" || a.type === "submit") continue;
      if ((a.type === "radio" || a.type === "checkbox") && !("checked" in a)) continue;
      fields[a.name] = a.value ?? "";
    }
    for (const ta of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attrs(ta[1]);
      if (a.name) fields[a.name] = decode(ta[2]).replace(/^\n/, "");
    }
    for (const sel of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attrs(sel[1]);
      if (!a.name) continue;
      const chosen = [...sel[2].matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1])).find((o) => "selected" in o);
      fields[a.name] = chosen?.value ?? "";
    }
    forms.push({ label, fields, html: body });
  }
  return forms;
}

// ---- A signed-in client ----

export type ActionResult = { ok?: boolean; message?: string; error?: string; text?: string; fieldErrors?: Record<string, string[]>; conflict?: unknown };

export type Timed<T> = T & { status: number; ms: number };

export class Client {
  private jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly username: string,
    private readonly actions: Map<string, string>,
    private readonly timeoutMs = 30_000,
    /** The address a reverse proxy in front of the app would write for this person (X-Forwarded-For). */
    private readonly forwardedFor?: string,
  ) {
    assertLocal(base);
  }

  get signedIn() {
    return this.jar.has("next-auth.session-token");
  }

  /** The session cookies, as a Cookie header (for a load tool that sends its own requests). */
  cookieHeader() {
    return this.cookie();
  }

  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private async fetch(pathname: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("cookie", this.cookie());
    if (this.forwardedFor) headers.set("x-forwarded-for", this.forwardedFor);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(this.timeoutMs) });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const i = kv.indexOf("=");
      const name = kv.slice(0, i);
      const value = kv.slice(i + 1);
      if (value === "" || /max-age=0/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Signs in through next-auth's credentials endpoint, as the sign-in page does. */
  async signIn() {
    const { status, text } = await this.attemptSignIn(PASSWORD);
    if (!this.signedIn) throw new Error(`sign-in of ${this.username} failed: HTTP ${status} ${text.slice(0, 200)}`);
  }

  /** One sign-in attempt; `error` is the code the sign-in page would show (e.g. RATE_LIMITED), null when signed in. */
  async attemptSignIn(password: string) {
    this.jar.clear();
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username: this.username, password, json: "true", callbackUrl: `${this.base}/` }),
    });
    const text = await res.text();
    let error: string | null = null;
    try {
      error = new URL((JSON.parse(text) as { url: string }).url).searchParams.get("error");
    } catch {
      error = this.signedIn ? null : "unknown";
    }
    return { status: res.status, text, error: this.signedIn ? null : error };
  }

  /** A page as the browser loads it. A redirect to /login means the session is gone. */
  async get(pathname: string): Promise<Timed<{ text: string; location: string | null }>> {
    const started = performance.now();
    const res = await this.fetch(pathname, { headers: { accept: "text/html" } });
    const text = await res.text();
    return { status: res.status, text, location: res.headers.get("location"), ms: performance.now() - started };
  }

  /**
   * Calls a Server Action bound to a form, as React does after a submit: POST to the page with
   * `Next-Action`, the arguments (previous state, the form's fields) encoded as by React's
   * encodeReply; the answer is the RSC stream whose root names the action's return value.
   */
  async action(pathname: string, name: string, fields: Record<string, string | File>, prev: unknown = {}): Promise<Timed<{ result: ActionResult | null; text: string }>> {
    const id = this.actions.get(name);
    if (!id) throw new Error(`no Server Action named ${name} in this build`);
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
    body.append("0", JSON.stringify([prev, "$K1"]));
    const started = performance.now();
    const res = await this.fetch(pathname, {
      method: "POST",
      headers: { "next-action": id, accept: "text/x-component", origin: this.base },
      body,
    });
    const text = await res.text();
    return { status: res.status, result: actionResult(text), text, ms: performance.now() - started };
  }
}

/** The action's return value in an RSC response: row 0 says `"a":"$@N"`, row N holds the value. */
export function actionResult(text: string): ActionResult | null {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const root = rows.get("0");
  const ref = root && /"a":"\$@([0-9a-f]+)"/.exec(root)?.[1];
  const value = ref ? rows.get(ref) : undefined;
  if (!value) return null;
  try {
    return JSON.parse(value) as ActionResult;
  } catch {
    return null;
  }
}

// ---- Figures ----

/** CPU seconds (user + system) used so far by the processes of a process group, from /proc (Linux). */
export function groupCpuSeconds(pgid: number) {
  let ticks = 0;
  let rss = 0;
  for (const entry of fs.existsSync("/proc") ? fs.readdirSync("/proc") : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is the state (field 3): pgrp is field 5, utime 14, stime 15, rss 24 (pages).
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      rss += Number(fields[21]) * 4096;
    } catch {
      // gone meanwhile
    }
  }
  return { seconds: ticks / 100, rss };
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

export function pad(s: string | number, n: number, right = false) {
  const str = String(s);
  const width = [...str].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = " ".repeat(Math.max(0, n - width));
  return right ? fill + str : str + fill;
}
