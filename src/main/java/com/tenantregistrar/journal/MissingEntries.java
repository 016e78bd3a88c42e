package com.tenantregistrar.journal;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.tenantregistrar.storage.StateStorage;

/** The drift check's memory of who is missing where, and since when: the table {@value #TABLE}. */
@Singleton // not a client proxy: its base class has no no-args constructor to proxy with
public class MissingEntries extends DriftEntries {

    static final String TABLE = "driftmissing";

    @Inject
    public MissingEntries(StateStorage storage) {
        super(storage, TABLE);
    }
}
