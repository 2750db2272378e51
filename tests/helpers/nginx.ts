import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Agent } from "undici";
import { freePort } from "../../scripts/free-port.js";
import { projectRoot, tmpDir } from "./paths.js";
import { ServerProcess } from "./server-process.js";

const NGINX = existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

/**
 * Debian's nginx running deploy/nginx/jot.conf, the site an operator installs, changed only where
 * a test must: the Jot processes' ports, local ports instead of 80 and 443, a certificate made
 * here instead of Let's Encrypt's, and folders of its own. Serves TLS on `httpsUrl`.
 */
export class Nginx {
  private constructor(
    private readonly process: ServerProcess,
    readonly httpsUrl: string,
    readonly httpUrl: string,
    /** The certificate nginx presents, for clients to trust. */
    readonly certificate: Buffer,
  ) {}

  static async start(backends: number[]): Promise<Nginx> {
    const dir = join(tmpDir, `nginx-${randomBytes(6).toString("hex")}`);
    mkdirSync(join(dir, "cache"), { recursive: true });
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=jot.example.com",
      "-addext", "subjectAltName=DNS:jot.example.com,IP:127.0.0.1",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    const [https, http] = [await freePort(), await freePort()];
    const site = readFileSync(join(projectRoot, "deploy", "nginx", "jot.conf"), "utf8")
      .replace(/server 127\.0\.0\.1:3000;\n\s*server 127\.0\.0\.1:3001;/, backends.map((port) => `server 127.0.0.1:${port};`).join("\n    "))
      .replace(/^\s*listen \[::\]:\d+.*$/gm, "")
      .replace("listen 80;", `listen 127.0.0.1:${http};`)
      .replace("listen 443 ssl http2;", `listen 127.0.0.1:${https} ssl http2;`)
      .replace("/etc/letsencrypt/live/jot.example.com/fullchain.pem", join(dir, "cert.pem"))
      .replace("/etc/letsencrypt/live/jot.example.com/privkey.pem", join(dir, "key.pem"))
      .replace("/var/cache/nginx/jot", join(dir, "cache"))
      .replace("/srv/jot/", `${projectRoot}/`);
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join("\n  ");
    writeFileSync(
      join(dir, "nginx.conf"),
      `daemon off;
worker_processes 1;
${process.getuid?.() === 0 ? "user root;" : ""}
error_log ${join(dir, "error.log")} warn;
pid ${join(dir, "nginx.pid")};
events { worker_connections 1024; }
http {
  access_log off;
  ${temp}
${site}
}
`,
    );
    execFileSync(NGINX, ["-t", "-q", "-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "pipe" });
    const certificate = readFileSync(join(dir, "cert.pem"));
    const server = await ServerProcess.start(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], process.env, http, { readyPath: "/" });
    return new Nginx(server, `https://127.0.0.1:${https}`, `http://127.0.0.1:${http}`, certificate);
  }

  /** A client of the TLS site that trusts its certificate, connecting from `localAddress` (any of 127.0.0.0/8). */
  client(localAddress = "127.0.0.1"): Agent {
    return new Agent({ localAddress, connect: { ca: this.certificate } });
  }

  stop(): Promise<number | null> {
    return this.process.stop();
  }
}
