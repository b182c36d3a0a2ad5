package live.catwalk.core.mcp.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.mcp.port.out.StdioServers;
import live.catwalk.core.shared.CatwalkException;

/** An in-memory supervisor whose "processes" are {@link FakeMcpServer}s; records every start. */
public final class FakeStdioServers implements StdioServers {

    private final Supplier<FakeMcpServer> servers;
    private final List<FakeChannel> started = new CopyOnWriteArrayList<>();
    private volatile boolean unstartable;
    private volatile boolean crashAtFirstStart;

    public FakeStdioServers(Supplier<FakeMcpServer> servers) {
        this.servers = servers;
    }

    public FakeStdioServers() {
        this(FakeMcpServer::new);
    }

    /** From now on, starting fails as if the program did not exist. */
    public void makeUnstartable() {
        unstartable = true;
    }

    /** The next process started dies at once, before it reads anything, and is restarted. */
    public void crashAtFirstStart() {
        crashAtFirstStart = true;
    }

    @Override
    public StdioChannel start(ServerCommand command, Consumer<StdioEvent> events) {
        if (unstartable) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "Cannot start '" + command.argv().getFirst() + "': no such program.");
        }
        FakeChannel channel = new FakeChannel(command, servers.get(), events);
        started.add(channel);
        if (crashAtFirstStart) {
            crashAtFirstStart = false;
            channel.bootAndCrash();
        } else {
            channel.boot();
        }
        return channel;
    }

    /**
     * The first process started that received a {@code method} message, waiting up to 5 s for one (in isolated mode
     * the last process started may be a spare, not the one a request went to).
     */
    public FakeChannel thatReceived(String method) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (FakeChannel channel : started) {
                if (channel.hasReceived(method)) {
                    return channel;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no fake server received " + method + " within 5 s");
    }

    public List<FakeChannel> started() {
        return List.copyOf(started);
    }

    public FakeChannel last() {
        return started.getLast();
    }
}
