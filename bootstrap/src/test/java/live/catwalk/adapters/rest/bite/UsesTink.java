package live.catwalk.adapters.rest.bite;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class UsesTink {
    byte[] seal(byte[] secret) {
        return com.google.crypto.tink.BiteStandIn.encrypt(secret);
    }
}
