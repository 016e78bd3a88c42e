package com.tenantregistrar.drift;

import com.tenantregistrar.drift.DriftReport.Reason;

/**
 * One ARM write a reconcile run would make.
 *
 * @param kind what the write does
 * @param registration the registration's alias
 * @param customerSubscriptionId the customer subscription
 * @param tenantId the tenant a register, replace or rewrite puts; {@code null} for a removal
 * @param hold why it is held back by design (it is reported, not made), or {@code null} when it is to be made
 * @param replacedSubscriptionId the subscription the PUT unmaps, the one its tenant holds on the registration now
 *        (a registration holds one per tenant); {@code null} when none
 */
public record PlannedWrite(Kind kind, String registration, String customerSubscriptionId, String tenantId,
        Reason hold, String replacedSubscriptionId) {

    /** A write that unmaps no other subscription. */
    public PlannedWrite(Kind kind, String registration, String customerSubscriptionId, String tenantId, Reason hold) {
        this(kind, registration, customerSubscriptionId, tenantId, hold, null);
    }

    /** Whether it is held back by design. */
    public boolean held() {
        return hold != null;
    }

    /** What a write does, as the report names it. */
    public enum Kind {
        /** PUT of a missing customer: adds billing, never takes it away. */
        REGISTER("register"),
        /**
         * PUT of a missing customer whose tenant holds another subscription on the registration: ARM unmaps that one
         * (one subscription per tenant), so its usage moves to the new one.
         */
        REPLACE("replace"),
        /** PUT of a registered customer with the desired tenant: changes who is billed. */
        REWRITE("rewrite"),
        /** DELETE of an unexpected customer: its usage falls back to the CSP's own subscription. */
        REMOVE("remove");

        private final String action;

        Kind(String action) {
            this.action = action;
        }

        /** The report's {@code action}. */
        public String action() {
            return action;
        }

        /**
         * Whether it changes or ends someone's billing: it counts against REGISTRAR_DRIFT_MAX_REMOVALS, is held
         * after an incomplete Partner Center read, and is never made by the webhook.
         */
        public boolean destructive() {
            return this != REGISTER;
        }
    }
}
