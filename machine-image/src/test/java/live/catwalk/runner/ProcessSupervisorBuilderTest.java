package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessSupervisorBuilderTest {

    @Test
    void buildsWithTheDefaults() {
        ProcessSupervisor.builder().build().closeAll();
    }

    @Test
    void refusesSettingsOutOfRangeNamingThem() {
        assertMessage("maxLineBytes", () -> ProcessSupervisor.builder().maxLineBytes(0).build());
        assertMessage("backoffMax", () -> ProcessSupervisor.builder()
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
        assertMessage("crashLoopExits", () -> ProcessSupervisor.builder()
                .crashLoop(0, Duration.ofMinutes(1)).build());
        assertMessage("termGrace", () -> ProcessSupervisor.builder()
                .stopTimeouts(Duration.ZERO, Duration.ofSeconds(-1)).build());
        assertMessage("sendQueueLines", () -> ProcessSupervisor.builder().sendQueue(0, 1).build());
    }

    private static void assertMessage(String setting, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }
}
