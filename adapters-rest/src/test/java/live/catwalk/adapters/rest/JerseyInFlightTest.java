package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.junit.jupiter.api.Test;

/** A stop waits for the requests Jersey is still finishing, and only for those. */
class JerseyInFlightTest {

    private final JerseyInFlight inFlight = new JerseyInFlight();

    @Test
    void idleAtOnceWhenNoRequestWasBegun() throws InterruptedException {
        assertTrue(inFlight.awaitIdle(Duration.ZERO));
    }

    @Test
    void aBegunRequestHoldsTheStopUntilJerseyFinishesIt() throws Exception {
        RequestEventListener first = inFlight.onRequest(event(RequestEvent.Type.START));
        RequestEventListener second = inFlight.onRequest(event(RequestEvent.Type.START));
        first.onEvent(event(RequestEvent.Type.RESP_FILTERS_FINISHED));
        first.onEvent(event(RequestEvent.Type.FINISHED));

        assertFalse(inFlight.awaitIdle(Duration.ofMillis(50)), "one request is still in Jersey's hands");

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return inFlight.awaitIdle(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        second.onEvent(event(RequestEvent.Type.FINISHED));
        assertTrue(waiting.get(10, TimeUnit.SECONDS));
    }

    private static RequestEvent event(RequestEvent.Type type) {
        return (RequestEvent) Proxy.newProxyInstance(RequestEvent.class.getClassLoader(),
                new Class<?>[] {RequestEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> type;
                    case "toString" -> "RequestEvent " + type;
                    default -> null;
                });
    }
}
