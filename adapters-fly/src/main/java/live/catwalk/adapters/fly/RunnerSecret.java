package live.catwalk.adapters.fly;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A machine's {@code CATWALK_RUNNER_SECRET}: HMAC-SHA256 of the runner key over the machine id, 64 hex digits,
 * so any gateway replica holding the key derives it again and none stores it. Thread-safe.
 */
final class RunnerSecret {

    static final String VARIABLE = "CATWALK_RUNNER_SECRET";
    static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    RunnerSecret(byte[] runnerKey) {
        if (runnerKey.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the runner key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(runnerKey.clone(), "HmacSHA256");
    }

    /** The secret of the runner on machine {@code machineId}. */
    String of(String machineId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(machineId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RunnerSecret[key hidden]";
    }
}
