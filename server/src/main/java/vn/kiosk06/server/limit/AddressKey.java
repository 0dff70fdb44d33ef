package vn.kiosk06.server.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The key a per-address {@link RateLimiter} counts a client under: an IPv4 address as it is, an IPv6 address by its
 * /64 (the smallest block a network hands one subscriber, so one client cannot dodge a limit by cycling through the
 * 2^64 addresses it owns). IPv4-mapped IPv6 peers arrive as IPv4 ({@link InetAddress} unwraps them).
 */
public final class AddressKey {

    private AddressKey() {
    }

    public static String of(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    /** For a transport's peer; a non-IP peer (an in-process channel) is keyed by its text. */
    public static String of(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return of(inet.getAddress());
        }
        return String.valueOf(peer);
    }
}
