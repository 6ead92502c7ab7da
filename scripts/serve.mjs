// @ts-check
/**
 * The web server: Next's production request handler behind Node's own HTTP server, so that the
 * request's socket is known. Before Next sees a request, X-Forwarded-For is replaced by the one
 * address the app should believe (lib/client-address.mjs): the socket's, or what a trusted proxy
 * says. X-Real-IP is dropped. `next start` cannot do this: it keeps whatever header the client sent.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOST]
 *
 * Plain JavaScript run by Node itself, so that nothing but Next's own code runs on each request.
 */
import http from "node:http";
import { clientAddress, trustedProxies } from "../lib/client-address.mjs";

const args = process.argv.slice(2);
const option = (/** @type {string} */ flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(option("-p") ?? process.env.PORT ?? 3000);
const hostname = option("-H");
Object.assign(process.env, { NODE_ENV: "production" });

const trusted = trustedProxies(process.env.BANLI_TRUSTED_PROXIES);
const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(trusted, req.socket.remoteAddress, req.headers["x-forwarded-for"]);
  delete req.headers["x-real-ip"];
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`▲ Banli 已启动：http://${hostname ?? "localhost"}:${port}`));

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"]))
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
