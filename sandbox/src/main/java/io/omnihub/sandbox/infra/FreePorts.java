package io.omnihub.sandbox.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Port 0 in configuration means "any free port", so two hubs or test runs never clash. */
public final class FreePorts {

    private FreePorts() {
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
