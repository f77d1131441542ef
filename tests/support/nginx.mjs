// Debian's nginx for the Node suites: a private nginx process per call, on a free loopback port,
// with its own prefix folder (config, logs, temp files) so nothing touches /etc/nginx or
// /var/log. `$NGINX` overrides the binary (default /usr/sbin/nginx).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForPort } from "./ports.mjs";

export const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";

/** Whether nginx is installed (scripts/setup.sh installs it). */
export const nginxAvailable = () => existsSync(NGINX);

/**
 * Starts nginx with `httpConfig(port)` as the body of its `http { }` block (it must listen on
 * `127.0.0.1:${port}`). Resolves to { port, origin, dir, logs(), stop() }; `logs()` is the text
 * of the access and error logs.
 */
export async function startNginx(httpConfig) {
  const dir = mkdtempSync(join(tmpdir(), "gptunnel-nginx-"));
  mkdirSync(join(dir, "logs"));
  const port = await freePort();
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log info;
events { worker_connections 256; }
http {
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${httpConfig(port)}
}
`,
  );
  const child = spawn(NGINX, ["-p", dir, "-c", conf, "-e", join(dir, "logs", "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await waitForPort(port, { exited, what: "nginx" });
  } catch (error) {
    throw new Error(`${error.message}\n${output}\n${readLog(dir, "error.log")}`);
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    dir,
    logs: () => output + readLog(dir, "access.log") + readLog(dir, "error.log"),
    async stop() {
      if (exited()) return;
      const gone = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGQUIT");
      await gone;
    },
  };
}

function readLog(dir, name) {
  const file = join(dir, "logs", name);
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}
