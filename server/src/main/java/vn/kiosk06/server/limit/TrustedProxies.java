package vn.kiosk06.server.limit;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies (nginx in front of several instances, {@code deploy/nginx/kiosk06-grpc.conf}) whose word the
 * server takes for a client's address ({@code kiosk06.server.limits.trusted-proxies}: IP addresses or CIDR blocks).
 * Behind a proxy every call arrives from the proxy's address, so the per-address enrollment throttle would count all
 * devices as one client; the proxy says who its client was in the {@code x-forwarded-for} header. That header is
 * believed only on a connection from a trusted proxy — from anyone else it is the client's own claim, and a client
 * could forge it to dodge the throttle — and only its last entry (the one the nearest proxy wrote). Immutable and
 * thread-safe; parsing never resolves a name.
 */
public final class TrustedProxies {

    /** The header (gRPC metadata keys are lower case) the proxy sets: {@code grpc_set_header X-Forwarded-For $remote_addr}. */
    public static final String FORWARDED_FOR = "x-forwarded-for";

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** No proxy trusted: every client is keyed by the address it connects from. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses entries such as {@code 127.0.0.1}, {@code 10.0.0.0/24}, {@code fd00::/64}; blank entries are ignored. A bad
     * entry is refused naming it (a typo here would silently leave the throttle counting the proxy).
     */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (!entry.isEmpty()) {
                blocks.add(Block.parse(entry));
            }
        }
        return blocks.isEmpty() ? NONE : new TrustedProxies(blocks);
    }

    /** Whether connections from {@code address} come from a trusted proxy. */
    public boolean trusts(InetAddress address) {
        for (Block b : blocks) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client a call is counted under ({@link AddressKey}): the forwarded address when the peer is a trusted proxy
     * and the header's last entry is an IP address, else the peer itself.
     */
    public String clientKey(SocketAddress peer, Optional<String> forwardedFor) {
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null && trusts(inet.getAddress())
                && forwardedFor.isPresent()) {
            String value = forwardedFor.get();
            String last = value.substring(value.lastIndexOf(',') + 1).strip();
            if (InetAddresses.isInetAddress(last)) {
                return AddressKey.of(InetAddresses.forString(last));
            }
        }
        return AddressKey.of(peer);
    }

    /** An address block: the address's first {@code bits} bits. */
    private record Block(byte[] prefix, int bits) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!InetAddresses.isInetAddress(host)) {
                throw new IllegalArgumentException("kiosk06.server.limits.trusted-proxies: '" + entry
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.5 or 10.0.0.0/24)");
            }
            byte[] address = InetAddresses.forString(host).getAddress();
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("kiosk06.server.limits.trusted-proxies: '" + entry
                            + "' has a bad prefix length (0–" + address.length * 8 + ")");
                }
            }
            return new Block(address, bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
