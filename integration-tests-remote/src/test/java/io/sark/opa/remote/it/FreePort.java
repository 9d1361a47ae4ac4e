package io.sark.opa.remote.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A local TCP port nothing listens on now: other builds share this machine, so no port is fixed. */
final class FreePort {

    private FreePort() {}

    static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
