import init, * as gptunnel from "gptunnel";
import { describeError, imagineThenUpsample } from "../shared/flow.js";

self.onmessage = async ({ data: { api } }) => {
  try {
    await init();
    self.postMessage(await imagineThenUpsample(gptunnel, api));
  } catch (error) {
    self.postMessage({ error: describeError(error, gptunnel.GptunnelError) });
  }
};
