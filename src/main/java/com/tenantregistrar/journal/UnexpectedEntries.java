package com.tenantregistrar.journal;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.tenantregistrar.storage.StateStorage;

/**
 * The drift check's memory of the entries it would remove or re-bill (unexpected, or registered with another
 * tenant than Partner Center's), since when without a break and with which tenant: the table {@value #TABLE}. An
 * entry closes when a check sees it as it should be, and when the app itself writes it, so that its time is never
 * older than the app's last write of it nor than the last time it was expected.
 */
@Singleton // not a client proxy: its base class has no no-args constructor to proxy with
public class UnexpectedEntries extends DriftEntries {

    public static final String TABLE = "driftunexpected";

    @Inject
    public UnexpectedEntries(StateStorage storage) {
        super(storage, TABLE);
    }
}
