import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import live.catwalk.bootstrap.testing.TestTools;

/**
 * For {@code bench/run.sh}: installs the pinned Node tools into {@code .test-tools/} if needed (bootstrap's
 * {@code TestTools}, as the tests do) and prints, as shell assignments, their paths and three free loopback ports
 * (Catwalk's, supergateway's and a runner's).
 * Run with the source launcher on bootstrap's test class path, with {@code -Dcatwalk.root=<repository>}.
 */
class BenchSetup {
    public static void main(String[] args) throws IOException {
        TestTools tools = TestTools.require();
        System.out.println("node='" + tools.node() + "'");
        System.out.println("everything='" + tools.serverEverything() + "'");
        System.out.println("supergateway='" + tools.supergateway() + "'");
        System.out.println("undici='" + tools.undici() + "'");
        try (ServerSocket a = free(); ServerSocket b = free(); ServerSocket c = free()) {
            System.out.println("catwalk_port=" + a.getLocalPort());
            System.out.println("supergateway_port=" + b.getLocalPort());
            System.out.println("runner_port=" + c.getLocalPort());
        }
    }

    private static ServerSocket free() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
