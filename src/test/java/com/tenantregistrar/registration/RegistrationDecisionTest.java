package com.tenantregistrar.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.journal.Intent;
import com.tenantregistrar.registration.RegistrationDecision.Action;

/** What registerCustomer does on a registration, from what that registration holds. */
class RegistrationDecisionTest {

    private static final Guid SUBSCRIPTION = new Guid("e09a4e93-29a7-4eba-a6d4-76202383f07f");
    private static final Guid TENANT = new Guid("dbab3982-796f-4d03-9908-044c08aef8a2");
    private static final String OTHER_SUBSCRIPTION = "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c";
    private static final String OTHER_TENANT = "10206aa3-9bf5-4304-affc-fd970c3b7813";
    private static final RegisteredCustomer UNRELATED = entry("9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5",
            "9ad1ee2c-a875-4662-9534-c45f23e8141b");

    private static RegisteredCustomer entry(String subscription, String tenant) {
        return new RegisteredCustomer("east", subscription, tenant);
    }

    private static RegistrationDecision decide(boolean replace, RegisteredCustomer... entries) {
        return RegistrationDecision.decide(List.of(entries), SUBSCRIPTION, TENANT, replace);
    }

    @Test
    void aNewSubscriptionOfANewTenantIsAPlainPutWhateverElseIsThere() {
        for (boolean replace : new boolean[] { false, true }) {
            RegistrationDecision decision = decide(replace, UNRELATED);
            assertEquals(Action.PUT, decision.action());
            assertEquals(Intent.REGISTER, decision.intent());
        }
        assertEquals(Action.PUT, decide(false).action(), "an empty registration");
    }

    @Test
    void theSubscriptionWithItsTenantAlreadyIsUnchangedInAnyCase() {
        RegisteredCustomer upper = entry(SUBSCRIPTION.value().toUpperCase(), TENANT.value().toUpperCase());
        assertEquals(Action.UNCHANGED, decide(false, UNRELATED, upper).action());
        assertEquals(Action.UNCHANGED, decide(true, upper).action(), "replace has nothing to replace");
        assertThrows(IllegalStateException.class, () -> decide(false, upper).intent(), "no PUT to journal");
    }

    @Test
    void theSubscriptionWithAnotherTenantIsAConflictNamingBothTenants() {
        RegistrationDecision decision = decide(false, UNRELATED, entry(SUBSCRIPTION.value(), OTHER_TENANT));
        assertEquals(Action.CONFLICT, decision.action());
        assertEquals("On east, customer subscription " + SUBSCRIPTION + " is registered with tenant " + OTHER_TENANT
                + ": registering " + SUBSCRIPTION + " with tenant " + TENANT + " would change its tenant to " + TENANT
                + ". Nothing was changed there; send \"replace\": true to make the change.", decision.conflict());
        assertThrows(IllegalStateException.class, decision::intent);
    }

    @Test
    void theTenantWithAnotherSubscriptionIsAConflictNamingThatSubscription() {
        RegistrationDecision decision = decide(false, entry(OTHER_SUBSCRIPTION, TENANT.value()));
        assertEquals(Action.CONFLICT, decision.action());
        assertEquals("On east, tenant " + TENANT + " is registered with customer subscription " + OTHER_SUBSCRIPTION
                + ": registering " + SUBSCRIPTION + " with tenant " + TENANT + " would unmap " + OTHER_SUBSCRIPTION
                + " from the tenant (a registration holds one subscription per tenant). Nothing was changed there; "
                + "send \"replace\": true to make the change.", decision.conflict());
    }

    @Test
    void aConflictOnBothCountsNamesBoth() {
        RegistrationDecision decision = decide(false, entry(SUBSCRIPTION.value(), OTHER_TENANT),
                entry(OTHER_SUBSCRIPTION, TENANT.value()));
        assertEquals(Action.CONFLICT, decision.action());
        assertEquals("On east, customer subscription " + SUBSCRIPTION + " is registered with tenant " + OTHER_TENANT
                + ", and tenant " + TENANT + " is registered with customer subscription " + OTHER_SUBSCRIPTION
                + ": registering " + SUBSCRIPTION + " with tenant " + TENANT + " would change its tenant to " + TENANT
                + " and unmap " + OTHER_SUBSCRIPTION + " from the tenant (a registration holds one subscription per "
                + "tenant). Nothing was changed there; send \"replace\": true to make the change.",
                decision.conflict());
    }

    @Test
    void replacingRewritesTheSubscriptionsTenant() {
        RegistrationDecision decision = decide(true, UNRELATED, entry(SUBSCRIPTION.value(), OTHER_TENANT));
        assertEquals(Action.REWRITE, decision.action());
        assertEquals(new Intent("rewrite", OTHER_TENANT, null), decision.intent());
        assertNull(decision.conflict());
    }

    @Test
    void replacingReplacesTheTenantsOtherSubscription() {
        RegistrationDecision decision = decide(true, UNRELATED, entry(OTHER_SUBSCRIPTION, TENANT.value()));
        assertEquals(Action.REPLACE, decision.action());
        assertEquals(new Intent("replace", null, OTHER_SUBSCRIPTION), decision.intent());
    }

    @Test
    void replacingBothIsARewriteThatNamesTheSubscriptionUnmappedToo() {
        RegistrationDecision decision = decide(true, entry(SUBSCRIPTION.value(), OTHER_TENANT),
                entry(OTHER_SUBSCRIPTION, TENANT.value()));
        assertEquals(Action.REWRITE, decision.action());
        assertEquals(new Intent("rewrite", OTHER_TENANT, OTHER_SUBSCRIPTION), decision.intent());
    }
}
