package live.catwalk.core.credential.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.shared.CatwalkException;

/**
 * A deterministic, insecure stand-in for the vault: {@code fake:<keyId>:<hash of the scope>:<scrambled text>}.
 * Like the real one it seals under its {@link FakeKeyRing}'s primary and throws INTERNAL {@code secret_unreadable}
 * for another scope, an altered ciphertext or a key the ring does not hold. Thread-safe.
 */
public final class FakeSecretCipher implements SecretCipher {

    private final FakeKeyRing ring;

    public FakeSecretCipher(FakeKeyRing ring) {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public SealedSecret seal(SecretValue value, SecretScope scope) {
        long keyId = ring.primaryId();
        String text = "fake:" + keyId + ":" + hash(scope) + ":"
                + Base64.getEncoder().encodeToString(xor(value.reveal().getBytes(UTF_8), keyId));
        return new SealedSecret(text.getBytes(UTF_8), keyId);
    }

    @Override
    public SecretValue open(SealedSecret sealed, SecretScope scope) {
        String[] parts = new String(sealed.ciphertext(), UTF_8).split(":", -1);
        if (parts.length != 4 || !parts[0].equals("fake") || !parts[1].equals(Long.toString(sealed.keyId()))
                || !ring.has(sealed.keyId()) || !parts[2].equals(hash(scope))) {
            throw unreadable(sealed);
        }
        try {
            return new SecretValue(new String(xor(Base64.getDecoder().decode(parts[3]), sealed.keyId()), UTF_8));
        } catch (IllegalArgumentException e) {
            throw unreadable(sealed);
        }
    }

    /** Its own inverse; only there so the plaintext does not show in the ciphertext. */
    private static byte[] xor(byte[] bytes, long keyId) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) (bytes[i] ^ keyId ^ 0x5A);
        }
        return out;
    }

    private static String hash(SecretScope scope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(scope.associatedData()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CatwalkException unreadable(SealedSecret sealed) {
        return CatwalkException.of(CatwalkException.Kind.INTERNAL,
                "a secret sealed under key " + sealed.keyId() + " could not be opened").withCode("secret_unreadable");
    }
}
