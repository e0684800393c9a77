package dev.portreg.support;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface in front of a real server (PostgreSQL), so a test can take
 * the database away for real without stopping it: {@link #cut()} closes every connection through
 * the proxy and refuses new ones (each is accepted and reset at once), {@link #resume()} lets them
 * through again. The port is chosen by the system.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pairs = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target, boolean refusing) throws IOException {
        this.target = target;
        this.refusing = refusing;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code host:port} that lets connections through. */
    public static TcpProxy to(String host, int port) {
        return start(host, port, false);
    }

    /** A proxy to {@code host:port} that refuses every connection until {@link #resume()}. */
    public static TcpProxy refusingTo(String host, int port) {
        return start(host, port, true);
    }

    private static TcpProxy start(String host, int port, boolean refusing) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port), refusing);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port: " + e.getMessage(), e);
        }
    }

    /** The loopback port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every connection through the proxy, and refuses new ones until {@link #resume()}. */
    public void cut() {
        refusing = true;
        for (Socket s : open) {
            reset(s);
        }
        open.clear();
        pairs.set(0);
    }

    /** Lets new connections through again. */
    public void resume() {
        refusing = false;
    }

    public boolean refusing() {
        return refusing;
    }

    /** Connections through the proxy now (client and server side as one). */
    public int connections() {
        return pairs.get();
    }

    /** Connections refused since the start. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (refusing) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 2_000);
            } catch (IOException e) {
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pairs.incrementAndGet();
            AtomicInteger ends = new AtomicInteger(2);
            pump(client, upstream, ends);
            pump(upstream, client, ends);
        }
    }

    /** Copies {@code from} to {@code to} until either ends; then closes both. */
    private void pump(Socket from, Socket to, AtomicInteger ends) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buffer)) >= 0) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException e) {
                                // the other side closed, or the proxy cut it
                            } finally {
                                boolean first = ends.getAndDecrement() == 2;
                                if (first && open.remove(from) | open.remove(to)) {
                                    pairs.decrementAndGet();
                                }
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with an RST, as a server that went away would. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closed already
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
