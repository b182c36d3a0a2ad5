package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The endpoint's activity: nothing is idle while an exchange is in flight, and idleness counts from the last end. */
class McpActivityTest {

    @Test
    void anExchangeInFlightIsNeverIdleAndIdlenessStartsWhenTheLastOneEnds() throws InterruptedException {
        McpActivity activity = new McpActivity();
        activity.began();
        activity.began();
        Thread.sleep(20);
        assertEquals(2, activity.inFlight());
        assertEquals(Duration.ZERO, activity.idle());

        activity.ended();
        assertEquals(Duration.ZERO, activity.idle(), "one still in flight (an open stream, say)");
        activity.ended();
        Thread.sleep(20);

        assertEquals(0, activity.inFlight());
        assertTrue(activity.idle().toMillis() >= 20, activity.idle().toString());
        assertTrue(activity.idle().toMillis() < 10_000, "counted from the last end, not from the start");
    }

    @Test
    void countsTheStreamsBeingWritten() {
        McpActivity activity = new McpActivity();
        activity.streamBegan();
        activity.streamBegan();
        activity.streamEnded();

        assertEquals(1, activity.streams());
    }
}
