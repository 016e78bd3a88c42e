package com.tenantregistrar.drift;

/**
 * One ARM write a reconcile run would make.
 *
 * @param kind what the write does
 * @param registration the registration's alias
 * @param customerSubscriptionId the customer subscription
 * @param tenantId the tenant a register or rewrite puts; {@code null} for a removal
 * @param held whether a budget holds it back by design (it is reported, not made)
 */
public record PlannedWrite(Kind kind, String registration, String customerSubscriptionId, String tenantId,
        boolean held) {

    /** What a write does, as the report names it. */
    public enum Kind {
        /** PUT of a missing customer: adds billing, never takes it away. */
        REGISTER("register"),
        /** PUT of a registered customer with the manifest's tenant: changes who is billed. */
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

        /** Whether it changes or ends someone's billing, and so counts against REGISTRAR_DRIFT_MAX_REMOVALS. */
        public boolean destructive() {
            return this != REGISTER;
        }
    }
}
