package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** CATWALK_MAX_PROCESSES: live server processes across all channels are capped; a start beyond is refused. */
class ProcessCapIT {

    @Test
    void aStartBeyondTheCapIsLimitExceededAndAnEndedProcessFreesItsPlace() throws Exception {
        try (ProcessSupervisor supervisor = Children.supervisor().maxProcesses(2).build()) {
            StdioChannel first = supervisor.start(Children.bash(Children.ECHO), new RecordedEvents());
            StdioChannel second = supervisor.start(Children.bash(Children.ECHO), new RecordedEvents());

            CatwalkException refused = assertThrows(CatwalkException.class,
                    () -> supervisor.start(Children.bash(Children.ECHO), new RecordedEvents()));

            assertEquals(CatwalkException.Kind.LIMIT_EXCEEDED, refused.kind());
            assertTrue(refused.getMessage().contains("maximum of 2 server processes"), refused.getMessage());
            assertTrue(refused.hint().orElseThrow().contains("CATWALK_MAX_PROCESSES"));
            assertEquals(2, supervisor.liveProcesses());
            first.close();
            long deadline = System.nanoTime() + RecordedEvents.PATIENCE.toNanos();
            while (supervisor.liveProcesses() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            StdioChannel third = supervisor.start(Children.bash(Children.ECHO), new RecordedEvents());
            assertTrue(third.isRunning() || supervisor.liveProcesses() == 2);
            second.close();
            third.close();
        }
    }
}
