package io.sark.opa.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on a free local port that accepts connections and never answers: a remote OPA server that has
 * hung, for timeouts and the concurrency bound.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private SilentServer(ServerSocket socket) {
        this.socket = socket;
        Thread acceptor = new Thread(this::acceptForever, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SilentServer start() {
        try {
            return new SilentServer(new ServerSocket(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                accepted.add(socket.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
