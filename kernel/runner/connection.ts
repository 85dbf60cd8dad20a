/** Connection files: the ports and HMAC key a client and a freshly started kernel agree on. */
import { randomBytes } from "node:crypto";
import * as net from "node:net";
import type { ConnectionInfo } from "../server/wire";

/** A port the OS reports free right now (jupyter_client picks kernel ports the same way). */
export function freePort(ip = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, ip, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Fresh connection info on loopback: five OS-picked distinct ports and a random 256-bit key. */
export async function newConnectionInfo(kernelName: string, ip = "127.0.0.1"): Promise<ConnectionInfo & { kernel_name: string }> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort(ip));
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = [...ports];
  return {
    transport: "tcp", ip, shell_port, iopub_port, stdin_port, control_port, hb_port,
    key: randomBytes(32).toString("hex"), signature_scheme: "hmac-sha256", kernel_name: kernelName,
  };
}

