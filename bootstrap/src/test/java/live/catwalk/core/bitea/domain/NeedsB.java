package live.catwalk.core.bitea.domain;

import live.catwalk.core.biteb.domain.NeedsA;

// A planted violation for ArchitectureBiteTest: two features that need each other. Never production code.
public class NeedsB {
    NeedsA other;
}
