import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A self-signed certificate for 127.0.0.1 made for these tests only (it guards nothing). */
export const SINK_CERT_FILE = "test/alerts/fixtures/smtp-sink-cert.pem";
const SINK_KEY_FILE = "test/alerts/fixtures/smtp-sink-key.pem";

export interface ReceivedMail {
  mail: ParsedMail;
  from: string;
  to: string[];
  /** The connection was encrypted (implicit TLS or STARTTLS). */
  secure: boolean;
  user: string | undefined;
}

/**
 * A local SMTP server that receives real mail. `tls`: "implicit" (TLS from the first byte),
 * "starttls" (offered and required before login) or "none" (STARTTLS not offered). With `login`,
 * only that user and password are let in.
 */
export async function startSmtpSink(options: { tls: "implicit" | "starttls" | "none"; login?: { user: string; password: string } }) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: options.tls === "implicit",
    key: options.tls === "none" ? undefined : fs.readFileSync(SINK_KEY_FILE),
    cert: options.tls === "none" ? undefined : fs.readFileSync(SINK_CERT_FILE),
    authOptional: !options.login,
    disabledCommands: [...(options.tls === "none" ? ["STARTTLS"] : []), ...(options.login ? [] : ["AUTH"])],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = options.login && auth.username === options.login.user && auth.password === options.login.password;
      callback(
        ok ? null : Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }),
        ok ? { user: auth.username } : undefined,
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            mail,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: session.user as string | undefined,
          });
          callback();
        })
        .catch(callback);
    },
  });
  // A client that gives up during the TLS handshake is what some tests are about, not a crash.
  const errors: Error[] = [];
  server.on("error", (err) => errors.push(err));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, errors, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
