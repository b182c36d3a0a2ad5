package live.catwalk.adapters.rest;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents.IncomingHttpUpgradeEvent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Treats a request carrying {@code Upgrade} (the JDK HttpClient sends {@code Upgrade: h2c} by default)
 * as the plain HTTP/1.1 request it is. Catwalk upgrades to nothing, but Grizzly, once it sees the header,
 * stops framing the body, omits {@code Content-Type} from the response and closes the connection after
 * it, which breaks clients such as the MCP Java SDK.
 */
final class NoProtocolUpgrades implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no HTTP codec in the filter chain of listener " + listener.getName());
        }
        builder.add(codec + 1, new IgnoreUpgrade());
    }

    /** Runs synchronously inside the codec's header parsing, before the body's framing is chosen. */
    private static final class IgnoreUpgrade extends BaseFilter {

        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event.type() != IncomingHttpUpgradeEvent.TYPE) {
                return ctx.getInvokeAction();
            }
            HttpHeader header = ((IncomingHttpUpgradeEvent) event).getHttpHeader();
            header.setIgnoreContentModifiers(false);
            header.getUpgradeDC().recycle();
            header.getHeaders().removeHeader(Header.Upgrade);
            return ctx.getStopAction();
        }
    }
}
