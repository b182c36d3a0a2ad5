package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.health.usecase.CheckHealthService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL that stops answering (a frozen network path: connections stay open, nothing comes back) makes the
 * health check {@code down} within its deadline, not after the pool's 10 s connection timeout.
 */
class DatabaseDownHealthIT {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Test
    void aDatabaseThatStopsAnsweringIsDownWithinTheDeadline() throws Exception {
        String schema = SCHEMAS.fresh().jdbcUrl().replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
        try (FreezableProxy proxy = new FreezableProxy(5432)) {
            DatabaseUrl url = DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + proxy.port()
                    + "/test?currentSchema=" + schema);
            try (Database database = Database.open(url, 2)) {
                var health = new CheckHealthService("t", List.of(database.healthProbe()), Duration.ofSeconds(2));
                assertEquals(HealthStatus.OK, health.check().status());

                proxy.freeze();
                Thread.sleep(600); // past the pool's window in which an idle connection is trusted untested

                for (int i = 0; i < 2; i++) {
                    long start = System.nanoTime();
                    HealthReport report = health.check();
                    long took = (System.nanoTime() - start) / 1_000_000;

                    assertEquals(HealthStatus.DOWN, report.status(), report.toString());
                    assertEquals("did not answer within 2 s", report.components().get("database").detail());
                    assertTrue(took < 4_000, "took " + took + " ms");
                }
                proxy.cut(); // the hung probe's sockets close, so the pool can shut down
            }
        }
    }

    /** A loopback TCP forwarder that can stop passing bytes while keeping every connection open. */
    private static final class FreezableProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final int target;
        private volatile boolean frozen;

        FreezableProxy(int target) throws IOException {
            this.target = target;
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void freeze() {
            frozen = true;
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = server.accept();
                    sockets.add(client);
                    if (frozen) {
                        continue; // accepted, never answered
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(upstream);
                    Thread.ofVirtual().start(() -> pump(client, upstream));
                    Thread.ofVirtual().start(() -> pump(upstream, client));
                }
            } catch (IOException closed) {
                // the proxy was closed
            }
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    while (frozen && !from.isClosed()) {
                        Thread.sleep(50); // hold the bytes: the other side waits for an answer forever
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // one side closed
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }

        /** Closes the listener and every connection. */
        void cut() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
