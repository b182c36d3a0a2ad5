package org.jooq;

// Stands in for a jOOQ class (the rule is about the package) so the bite test needs no jOOQ jar.
public final class BiteStandIn {
    public static Object dsl() {
        return new Object();
    }
}
