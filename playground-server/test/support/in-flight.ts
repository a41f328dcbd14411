/** Router calls a server is handling now, from its own gauge: a test waits for these instead of a fixed sleep. */
export async function rpcInFlight(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^playground_rpc_in_flight\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}
