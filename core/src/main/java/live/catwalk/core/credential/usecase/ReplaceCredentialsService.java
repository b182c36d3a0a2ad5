package live.catwalk.core.credential.usecase;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.port.in.ReplaceCredentials;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.credential.port.out.SecretCipher;

/** Seals each value under its own scope before anything is stored, so a sealing failure stores nothing. */
public final class ReplaceCredentialsService implements ReplaceCredentials {

    private final SecretCipher cipher;
    private final CredentialRepository credentials;

    public ReplaceCredentialsService(SecretCipher cipher, CredentialRepository credentials) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public void replace(Command command) {
        List<Credential> sealed = command.values().entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getKey().value()))
                .map(e -> new Credential(command.deployment(), e.getKey(), cipher.seal(e.getValue(),
                        new SecretScope.OfCredential(command.deployment(), e.getKey()))))
                .toList();
        credentials.replaceAll(command.deployment(), sealed);
    }
}
