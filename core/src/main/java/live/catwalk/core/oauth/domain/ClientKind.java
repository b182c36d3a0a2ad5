package live.catwalk.core.oauth.domain;

/** Where a client's description came from. */
public enum ClientKind {
    /** Registered through dynamic client registration (RFC 7591); its id is generated. */
    REGISTERED,
    /** Described by the Client ID Metadata Document its id points at; the stored copy is a cache of it. */
    METADATA_DOCUMENT
}
