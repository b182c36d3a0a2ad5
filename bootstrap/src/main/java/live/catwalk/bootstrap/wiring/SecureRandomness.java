package live.catwalk.bootstrap.wiring;

import java.security.SecureRandom;
import java.util.UUID;
import live.catwalk.core.shared.port.out.Randomness;

/** Identities and token secrets from the JDK's CSPRNG: secrets are 192 bits as 32 base62 characters. */
final class SecureRandomness implements Randomness {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int SECRET_LENGTH = 33;
    private final SecureRandom random = new SecureRandom();

    @Override
    public UUID uuid() {
        return UUID.randomUUID();
    }

    /** 33 characters drawn uniformly from 62 carry 196 bits. */
    @Override
    public String secret() {
        char[] out = new char[SECRET_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
