package com.google.crypto.tink;

// Stands in for a Tink class (the rule is about the package) so the bite test needs no Tink jar.
public final class BiteStandIn {
    public static byte[] encrypt(byte[] plaintext) {
        return plaintext.clone();
    }
}
