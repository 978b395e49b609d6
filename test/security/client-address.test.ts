import { describe, expect, it } from "vitest";
import { clientAddress } from "@/server/http/client-address";

describe("client address for the sign-in limit", () => {
  it("client address: with no proxy trusted, the one entry Next filled in from the socket is the address", () => {
    expect(clientAddress("203.0.113.5", 0)).toBe("203.0.113.5");
  });

  it("client address: behind one proxy, entries the client wrote to the left are ignored", () => {
    expect(clientAddress("10.9.9.9, 1.2.3.4, 203.0.113.5", 1)).toBe("203.0.113.5");
  });

  it("client address: behind two proxies, the client is the second entry from the right", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.5, 198.51.100.1", 2)).toBe("203.0.113.5");
  });

  it("client address: an IPv4 client on a dual-stack socket counts as its IPv4 address", () => {
    expect(clientAddress("::ffff:203.0.113.5", 0)).toBe("203.0.113.5");
    expect(clientAddress("2001:DB8::1", 0)).toBe("2001:db8::1");
  });

  it("client address: without the header every such request shares one 'unknown' counter", () => {
    expect(clientAddress(undefined, 1)).toBe("unknown");
    expect(clientAddress(" , ", 0)).toBe("unknown");
  });
});
