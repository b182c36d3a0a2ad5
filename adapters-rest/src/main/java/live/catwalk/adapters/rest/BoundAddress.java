package live.catwalk.adapters.rest;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/** The address a started server is bound to, and where links point when no public URL is set. */
final class BoundAddress {

    /** The name Grizzly gives the listener {@code GrizzlyHttpServerFactory} creates. */
    private static final String LISTENER = "grizzly";

    private BoundAddress() {
    }

    /** {@code http://host:port/} with the real port when 0 was asked for; an IPv6 host in brackets. */
    static URI of(HttpServer server, String host) {
        NetworkListener listener = server.getListener(LISTENER);
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + listener.getPort() + "/");
    }

    /**
     * Where links point when no public URL is set: the bound address, or loopback for a wildcard bind (which
     * names no address a client could use; the README says to set the public URL then).
     */
    static URI local(HttpServer server, String bind) {
        String bare = bind.startsWith("[") ? bind.substring(1, bind.length() - 1) : bind;
        boolean wildcard = bare.equals("0.0.0.0") || bare.matches("[0:]+");
        return of(server, wildcard ? "127.0.0.1" : bind);
    }
}
