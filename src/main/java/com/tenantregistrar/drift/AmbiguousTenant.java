package com.tenantregistrar.drift;

import java.util.List;

/**
 * A tenant with several active Azure subscriptions in Partner Center, none of them (or more than one) already
 * registered: a registration holds one subscription per tenant, and the app never guesses which. Pin one in the
 * manifest.
 *
 * @param tenantId the customer's tenant
 * @param candidates its active Azure subscriptions, sorted
 */
public record AmbiguousTenant(String tenantId, List<String> candidates) {
}
