package live.catwalk.adapters.llm.bite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesJdbc {
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:x");
    }
}
