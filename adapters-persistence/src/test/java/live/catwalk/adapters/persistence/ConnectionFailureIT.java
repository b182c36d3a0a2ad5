package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectionFailureIT {

    @Test
    void namesWhereItCouldNotConnectButNotThePassword() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        DatabaseUrl url = DatabaseUrl.parse("postgres://catwalk:hunter2@127.0.0.1:1/catwalk");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.open(url, 1));

        assertTrue(e.getMessage().startsWith("Cannot connect to the database at 127.0.0.1:1/catwalk"), e.getMessage());
        assertTrue(e.getMessage().contains("Check that the database is running"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t::toString);
        }
    }
}
