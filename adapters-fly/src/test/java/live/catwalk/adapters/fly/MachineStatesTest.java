package live.catwalk.adapters.fly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import live.catwalk.core.deployment.domain.RuntimeState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachineStatesTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            started, Running
            created, Starting
            creating, Starting
            starting, Starting
            restarting, Starting
            updating, Starting
            replacing, Starting
            stopped, Failed
            failed, Failed
            launch_failed, Failed
            stopping, Absent
            suspending, Suspended
            suspended, Suspended
            destroying, Absent
            destroyed, Absent
            replaced, Absent
            migrated, Absent
            something_new, Absent
            """)
    void flysStatesMapToRuntimeStates(String fly, String expected) {
        RuntimeState state = MachineStates.of(fly);
        assertEquals(expected, state.getClass().getSimpleName());
        assertEquals(expected.equals("Running") || expected.equals("Starting") || expected.equals("Suspended"),
                MachineStates.live(fly), "a suspended machine is still its deployment's");
    }
}
