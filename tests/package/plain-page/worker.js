// A module worker: no window, no DOM; fetch, timers and AbortSignal come from WorkerGlobalScope.
import init, * as gptunnel from "/gptunnel/gptunnel.js";
import initMask, * as gptunnelMask from "/gptunnel/gptunnel_mask.js";
import { describeError, imagineThenUpsample } from "/shared/flow.js";

self.onmessage = async ({ data: { api } }) => {
  try {
    await Promise.all([init(), initMask()]);
    self.postMessage({ ...(await imagineThenUpsample(gptunnel, api, gptunnelMask)), inWorker: typeof window === "undefined" });
  } catch (error) {
    self.postMessage({ error: describeError(error, gptunnel.GptunnelError) });
  }
};
