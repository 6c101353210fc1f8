package io.omnihub.sandbox.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Port 0 in configuration means "any free port", so two hubs or test runs never clash. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A free port other than {@code taken}: two sockets opened one after the other on port 0 may be
     * given the same port (the embedded broker's two listeners once were, and it refused to start).
     */
    public static int other(int taken) {
        int port;
        do {
            port = resolve(0);
        } while (port == taken);
        return port;
    }

    public static int resolve(int configured) {
        if (configured > 0) {
            return configured;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
