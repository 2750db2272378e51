import { describe, expect, it } from "vitest";
import { limitedAddress } from "../../../app/http/limited-address.js";

describe("limitedAddress", () => {
  it("keeps an IPv4 address whole", () => {
    expect(limitedAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(limitedAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const block = "2001:db8:1:2::/64";
    for (const ip of ["2001:db8:1:2::1", "2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:DB8:1:2:0:0:0:5", "2001:db8:1:2:a::1.2.3.4"]) {
      expect(limitedAddress(ip), ip).toBe(block);
    }
    expect(limitedAddress("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(limitedAddress("::1")).toBe("0:0:0:0::/64");
    expect(limitedAddress("fe80::1")).toBe("fe80:0:0:0::/64");
  });
});
