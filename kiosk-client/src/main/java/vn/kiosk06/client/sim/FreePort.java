package vn.kiosk06.client.sim;

import java.io.IOException;
import java.net.ServerSocket;

/** Prints a free TCP port on localhost, for scripts that start several processes (the demo). */
public final class FreePort {

    private FreePort() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            System.out.println(s.getLocalPort());
        }
    }
}
