package live.catwalk.core.credential.port.in;

import java.util.List;
import live.catwalk.core.credential.domain.KeyInfo;

/** Lists the vault's keys and how many stored secrets each one protects. */
@FunctionalInterface
public interface DescribeKeys {

    /** A key and its secrets; {@code secrets} may count a key id no longer in the keyset (unreadable secrets). */
    record KeyUsage(KeyInfo key, long secrets) {
    }

    List<KeyUsage> describe();
}
