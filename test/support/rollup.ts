/** Runs the ranged rollup on the local platform under test (what `npm run rollup` does) and waits for it. */
export async function rollUp(
  url: string,
  from: string,
  to = from,
): Promise<{ days: number; closed: unknown[] }> {
  const response = await fetch(`${url}/api/v1/local/rollup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to }),
  });
  if (!response.ok) throw new Error(`rollup answered ${response.status}: ${await response.text()}`);
  const lines = (await response.text()).trim().split('\n');
  const last = JSON.parse(lines.at(-1) ?? '{}') as { result?: { days: number; closed: unknown[] } };
  if (!last.result) throw new Error(`rollup did not finish: ${lines.at(-1)}`);
  return last.result;
}
