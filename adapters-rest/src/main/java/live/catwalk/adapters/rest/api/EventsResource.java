package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.account.domain.Principal;

/**
 * {@code GET /api/events}: the caller's deployments, live, as Server-Sent Events named {@code deployments} whose
 * data is {@code {"items": [...]}} with the items {@code GET /api/deployments} gives (its first
 * {@value #MAX_ITEMS}): one at once, then one whenever the list changes.
 */
@Path("/api/events")
public final class EventsResource {

    static final int MAX_ITEMS = 500;

    private final DeploymentPages pages;
    private final EventStreams streams;

    EventsResource(DeploymentPages pages, EventStreams streams) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SecurityContext s, @Context SseEventSink sink, @Context Sse sse) {
        Principal caller = Caller.of(s);
        AtomicReference<Items> last = new AtomicReference<>();
        streams.serve(s, sink, sse, "deployments", () -> {
            // Equal views make equal JSON: only a change is sent.
            Items now = new Items(pages.first(caller, MAX_ITEMS));
            return now.equals(last.getAndSet(now)) ? Optional.empty() : Optional.of(now);
        });
    }

    record Items(List<DeploymentView> items) {
    }
}
