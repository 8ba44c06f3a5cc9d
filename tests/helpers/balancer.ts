import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./ports";

export const NGINX_PATH = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export interface Balancer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** nginx's top level for a test: in the foreground, every file in `dir`, `http` holding `servers`. */
export function nginxMainConfig(dir: string, servers: string): string {
  return `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? "user root;" : ""}
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${servers}
}
`;
}

/**
 * The nginx settings the README recommends in front of several instances: round-robin, HTTP/1.1
 * to the upstreams, no response buffering (event streams) and long read timeouts; a refused
 * connection (an instance stopping or gone) is retried on the next instance.
 */
export function nginxConfig(options: { dir: string; port: number; upstreams: number[] }): string {
  return nginxMainConfig(
    options.dir,
    `
  upstream reelmatch {
${options.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      proxy_pass http://reelmatch;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout;
      # which instance answered (tests say so when something fails)
      add_header X-Upstream $upstream_addr always;
    }
  }`,
  );
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** nginx (Debian's package) as a child process with its own configuration in a temporary folder, on a free port unless given one. */
export async function startBalancer(options: { upstreams: number[]; port?: number }): Promise<Balancer> {
  const port = options.port ?? (await freePort());
  return startNginx({ port, config: (dir) => nginxConfig({ dir, port, upstreams: options.upstreams }) });
}

/**
 * nginx with the configuration `config` makes for its temporary folder; resolves once it accepts
 * connections on `port` (url: http://127.0.0.1:port).
 */
export async function startNginx(options: { port: number; config: (dir: string) => string | Promise<string> }): Promise<Balancer> {
  if (!existsSync(NGINX_PATH)) throw new Error(`nginx is not installed at ${NGINX_PATH}: run apt-get install -y nginx (or set NGINX_PATH)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "reelmatch-nginx-"));
  await mkdir(path.join(dir, "logs"));
  const { port } = options;
  await writeFile(path.join(dir, "nginx.conf"), await options.config(dir));
  let output = "";
  const child: ChildProcess = spawn(NGINX_PATH, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
