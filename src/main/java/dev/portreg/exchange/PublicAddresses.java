package dev.portreg.exchange;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses an operator's import may reach: public ones only. Names the kind of every
 * internal address (loopback, unspecified, private, link-local, multicast, shared, documentation,
 * benchmarking, reserved), IPv4 embedded in IPv6 included.
 */
final class PublicAddresses {

    private PublicAddresses() {}

    /**
     * What kind of internal address this is, or null for a public one: loopback, unspecified,
     * private (RFC 1918, unique local), link-local, multicast, shared (RFC 6598), documentation,
     * benchmarking and reserved ranges, IPv4 embedded in IPv6 included.
     */
    static String internal(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (embedsIpv4(b)) {
                try {
                    return internal(
                            InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "an unreadable address";
                }
            }
            String why = internal6(b);
            if (why != null) {
                return why;
            }
        }
        String why = internalAnyFamily(a);
        if (why != null) {
            return why;
        }
        return a instanceof Inet4Address ? internal4(a.getAddress()) : null;
    }

    /** An IPv4-mapped address (::ffff:a.b.c.d) or one of NAT64's (64:ff9b::a.b.c.d). */
    private static boolean embedsIpv4(byte[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        return (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)
                || (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b);
    }

    /**
     * The IPv6 ranges Java does not name: unique local (fc00::/7), documentation (2001:db8::/32).
     */
    private static String internal6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return "a private address";
        }
        if ((b[0] & 0xff) == 0x20
                && (b[1] & 0xff) == 0x01
                && (b[2] & 0xff) == 0x0d
                && (b[3] & 0xff) == 0xb8) {
            return "a documentation address";
        }
        return null;
    }

    /** The kinds Java names for both families. */
    private static String internalAnyFamily(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        return null;
    }

    /** The IPv4 ranges Java does not name. */
    private static String internal4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        if (b0 == 0) {
            return "a reserved address";
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return "a reserved address";
        }
        if ((b0 == 192 && b1 == 0 && b2 == 2)
                || (b0 == 198 && b1 == 51 && b2 == 100)
                || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return "a documentation address";
        }
        if (b0 == 198 && (b1 == 18 || b1 == 19)) {
            return "a benchmarking address";
        }
        if (b0 >= 240) {
            return "a reserved address";
        }
        return null;
    }
}
