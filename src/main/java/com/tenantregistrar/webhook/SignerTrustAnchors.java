package com.tenantregistrar.webhook;

import java.security.cert.TrustAnchor;
import java.util.Set;

/** The roots a Partner Center signing certificate must chain to. */
public interface SignerTrustAnchors {

    Set<TrustAnchor> anchors();
}
