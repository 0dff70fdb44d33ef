package vn.kiosk06.server.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the open connections per client address. It sits in a listening channel's pipeline, before Netty's acceptor,
 * and sees each accepted connection before anything is read from it or a TLS handshake is spent on it: over the cap
 * the connection is closed at once; otherwise it is counted until it closes. One instance serves the gRPC and the
 * HTTPS listeners, so the cap holds over both. Thread-safe ({@link ChannelHandler.Sharable}).
 */
@ChannelHandler.Sharable
public final class ConnectionsPerAddress extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    /** Trusted reverse proxies: uncapped, since they open a connection per call in flight and cap their clients themselves. */
    private final Predicate<InetAddress> exempt;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Addresses told about in the log since they last dropped below the cap: one line per flood, not per refusal. */
    private final Set<InetAddress> reported = ConcurrentHashMap.newKeySet();

    public ConnectionsPerAddress(int max) {
        this(max, a -> false);
    }

    public ConnectionsPerAddress(int max, Predicate<InetAddress> exempt) {
        this.max = max;
        this.exempt = exempt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child && child.remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null) {
            InetAddress address = peer.getAddress();
            if (exempt.test(address)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (!take(address)) {
                if (reported.add(address)) {
                    LOG.warn("Connections from {} reached max-connections-per-address ({}): further ones are closed until "
                            + "some end", address.getHostAddress(), max);
                }
                child.unsafe().closeForcibly(); // not yet registered: Netty's own way to drop an accepted channel
                return;
            }
            child.closeFuture().addListener(f -> release(address));
        }
        ctx.fireChannelRead(msg);
    }

    /** Open connections from {@code address} now. */
    public int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private boolean take(InetAddress address) {
        boolean[] taken = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    private void release(InetAddress address) {
        Integer left = open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        if (left == null || left < max) {
            reported.remove(address);
        }
    }
}
