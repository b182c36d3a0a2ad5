package live.catwalk.core.credential.fakes;

import java.util.ArrayList;
import java.util.List;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.domain.KeyInfo.KeyState;
import live.catwalk.core.credential.port.out.KeyRing;
import live.catwalk.core.shared.CatwalkException;

/**
 * An in-memory keyset with ids 1, 2, 3… in order of creation, the last one primary; pair it with a
 * {@link FakeSecretCipher}. Thread-safe. A read-only ring refuses {@link #addPrimary} like an environment keyset.
 */
public final class FakeKeyRing implements KeyRing {

    private final boolean readOnly;
    private final List<Long> ids = new ArrayList<>(List.of(1L));

    private FakeKeyRing(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** A ring holding key 1, which can rotate. */
    public static FakeKeyRing writable() {
        return new FakeKeyRing(false);
    }

    /** A ring holding key 1 whose {@link #addPrimary} throws INVALID_INPUT {@code keyset_read_only}. */
    public static FakeKeyRing readOnly() {
        return new FakeKeyRing(true);
    }

    @Override
    public synchronized List<KeyInfo> keys() {
        long primary = primaryId();
        return ids.stream().map(id -> new KeyInfo(id, id == primary, KeyState.ENABLED)).toList();
    }

    @Override
    public synchronized KeyInfo addPrimary() {
        if (readOnly) {
            throw CatwalkException.invalidInput("CATWALK_KEYSET", "the keyset was given in an environment variable, "
                    + "so it cannot be rotated", "move the keyset into a file (CATWALK_KEYSET_FILE) to rotate keys")
                    .withCode("keyset_read_only");
        }
        long next = ids.getLast() + 1;
        ids.add(next);
        return new KeyInfo(next, true, KeyState.ENABLED);
    }

    /** Drops a key, as if an operator deleted it: what it sealed no longer opens. Not the primary. */
    public synchronized void forget(long keyId) {
        if (keyId == primaryId()) {
            throw new IllegalArgumentException("cannot forget the primary key");
        }
        ids.remove(keyId);
    }

    synchronized long primaryId() {
        return ids.getLast();
    }

    synchronized boolean has(long keyId) {
        return ids.contains(keyId);
    }
}
