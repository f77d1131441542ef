import init, * as gptunnel from "gptunnel";
import initMask, * as gptunnelMask from "gptunnel/mask";
import { describeError, imagineThenUpsample } from "../shared/flow.js";

self.onmessage = async ({ data: { api } }) => {
  try {
    await Promise.all([init(), initMask()]);
    self.postMessage(await imagineThenUpsample(gptunnel, api, gptunnelMask));
  } catch (error) {
    self.postMessage({ error: describeError(error, gptunnel.GptunnelError) });
  }
};
