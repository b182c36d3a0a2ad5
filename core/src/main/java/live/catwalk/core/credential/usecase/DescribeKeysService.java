package live.catwalk.core.credential.usecase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.port.in.DescribeKeys;
import live.catwalk.core.credential.port.out.KeyRing;
import live.catwalk.core.credential.port.out.SealedSecrets;

/** Joins the keyset with the per-key counts; a counted key missing from the keyset is listed as DISABLED. */
public final class DescribeKeysService implements DescribeKeys {

    private final KeyRing keyRing;
    private final SealedSecrets secrets;

    public DescribeKeysService(KeyRing keyRing, SealedSecrets secrets) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public List<KeyUsage> describe() {
        Map<Long, Long> counts = new HashMap<>(secrets.countByKey());
        List<KeyUsage> usages = new ArrayList<>();
        for (KeyInfo key : keyRing.keys()) {
            usages.add(new KeyUsage(key, counts.getOrDefault(key.id(), 0L)));
            counts.remove(key.id());
        }
        counts.forEach((id, n) -> usages.add(new KeyUsage(new KeyInfo(id, false, KeyInfo.KeyState.DISABLED), n)));
        return List.copyOf(usages);
    }
}
