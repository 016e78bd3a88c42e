package com.tenantregistrar.arm;

import com.fasterxml.jackson.annotation.JsonValue;

/** How ARM answered a write on a customer subscription, in the words the app answers its callers with. */
public enum ArmWrite {
    /** PUT answered 200 or 201: the subscription is registered with the tenant. */
    REGISTERED("registered"),
    /**
     * PUT or DELETE answered 202: ARM took the change and finishes it asynchronously. The app does not poll; a
     * list or a drift check shows the result.
     */
    ACCEPTED("accepted"),
    /** DELETE answered 200: the subscription was registered and is removed. */
    REMOVED("removed"),
    /** DELETE answered 204 or 404 CustomerSubscriptionNotFound: it was not registered, nothing changed. */
    ABSENT("absent");

    private final String status;

    ArmWrite(String status) {
        this.status = status;
    }

    /** The status callers see, e.g. {@code registered}. */
    @JsonValue
    public String status() {
        return status;
    }
}
