package live.catwalk.core.biteb.domain;

import live.catwalk.core.bitea.domain.NeedsB;

// The other half of the planted cycle for ArchitectureBiteTest. Never production code.
public class NeedsA {
    NeedsB other;
}
