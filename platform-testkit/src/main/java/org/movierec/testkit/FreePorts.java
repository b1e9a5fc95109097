package org.movierec.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it before the caller
     * binds it; callers that keep the port across restarts bind it soon after.
     *
     * @return a free port number
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /**
     * Returns {@code port} unless it is 0, in which case a free port is found.
     *
     * @param port a fixed port, or 0 for any free port
     * @return the port to use
     */
    public static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port == 0 ? find() : port;
    }

    /**
     * Whether something already listens on (or holds) {@code 127.0.0.1:port}.
     *
     * @param port the port to probe
     * @return true if it cannot be bound now
     */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
