// What the relay network's tests share: waiting and reading heads.

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every second until it returns a truthy value; fails after `ms`. */
export async function until(what, probe, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds(ms)} waiting for ${what}`);
    await sleep(1000);
  }
}

/** The number of the best block `api`'s node has. */
export const best = async (api) => (await api.rpc.chain.getHeader()).number.toNumber();
