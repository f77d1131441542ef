import init, * as gptunnel from "gptunnel";
import initMask, * as gptunnelMask from "gptunnel/mask";
import { describeError, imagineThenUpsample } from "../shared/flow.js";

const params = new URLSearchParams(location.search);
const api = params.get("api");

async function inPage() {
  await Promise.all([init(), initMask()]); // the bundler resolves the packages' wasm files itself
  return imagineThenUpsample(gptunnel, api, gptunnelMask);
}

function inWorker() {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
    worker.postMessage({ api });
  });
}

window.flowResult = (params.get("in") === "worker" ? inWorker() : inPage()).catch((error) => ({
  error: describeError(error, gptunnel.GptunnelError),
}));
