package vn.kiosk06.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a fixed local port between the device and the server, standing in for the mobile link: it forwards
 * bytes both ways to the server's current port (a restarted server listens on a new one), and {@link #cut()} drops
 * every connection at once with a TCP reset, as a link that dies mid-stream does. Thread-safe; two daemon threads per
 * connection.
 */
final class LinkProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cuts = new AtomicLong();
    private volatile int targetPort;
    private volatile boolean closed;

    LinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "link-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** The port the device connects to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Sends new connections to the server's {@code port} from now on (connections open now keep their server). */
    void retarget(int port) {
        targetPort = port;
    }

    /** Resets every open connection, both sides; the device sees its stream fail and reconnects through the proxy. */
    void cut() {
        cuts.incrementAndGet();
        for (Socket s : open) {
            reset(s);
        }
    }

    long cuts() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket device;
            try {
                device = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            } catch (IOException e) {
                reset(device); // the server is down (restarting): the device sees a refused link
                closeQuietly(server);
                continue;
            }
            open.add(device);
            open.add(server);
            pump(device, server, "link-proxy-up");
            pump(server, device, "link-proxy-down");
        }
    }

    private void pump(Socket from, Socket to, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side failed or was cut: the other goes too
            } finally {
                reset(from);
                reset(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Closes with SO_LINGER 0, so the peer gets a reset rather than an orderly end. */
    private void reset(Socket s) {
        open.remove(s);
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // going away
        }
        cut();
    }
}
