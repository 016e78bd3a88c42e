package com.tenantregistrar.partnercenter;

/** Where the stored Partner Center walk lives, for tests in other packages. */
public final class WalkStorage {

    public static final String CONTAINER = PartnerCenterWalk.CONTAINER;
    public static final String STATE = PartnerCenterWalk.STATE;
    public static final String LOCK = PartnerCenterWalk.LOCK;

    private WalkStorage() {
    }
}
