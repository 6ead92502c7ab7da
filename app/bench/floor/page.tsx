import { connection } from "next/server";
import { notFound } from "next/navigation";

export const metadata = { title: "基准页" };

/**
 * The benchmark's floor (scripts/bench.ts): the cheapest dynamic page this app can serve, through
 * the same proxy (session check, CSP nonce) and root layout as every page, rendering a 20-row table
 * without the database. Every page is measured as a ratio to it. Served only to a server started
 * with BANLI_BENCH=1; elsewhere it does not exist.
 */
export default async function BenchFloor() {
  await connection();
  if (process.env.BANLI_BENCH !== "1") notFound();
  const at = Date.now();
  return (
    <main id="main" className="mx-auto max-w-3xl p-4">
      <h1 className="text-lg font-semibold">基准页</h1>
      <table className="mt-2 w-full text-sm">
        <tbody>
          {Array.from({ length: 20 }, (_, i) => (
            <tr key={i}>
              <td>第{i + 1}行</td>
              <td>{at + i}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
