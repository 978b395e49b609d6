import net from "node:net";

/**
 * A TCP forwarder in front of a PostgreSQL server, to take the database away from the app and give
 * it back: cut() drops every open connection and refuses new ones (what clients see when the server
 * dies), restore() accepts again on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const forward = (client: net.Socket) => {
    const upstream = net.connect(target);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      sockets.add(from);
      from.on("close", () => sockets.delete(from));
      from.on("error", () => to.destroy());
      from.pipe(to);
    }
  };
  let server = net.createServer(forward);
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  return {
    port,
    cut: close,
    async restore() {
      if (server.listening) return;
      server = net.createServer(forward);
      await listen(port);
    },
    close,
  };
}
