package com.tenantregistrar.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;

/**
 * The report's {@code partnerCenter}: what one read of Partner Center found.
 *
 * @param customers the customers read
 * @param azureSubscriptions the active Azure subscriptions of those customers
 * @param complete whether every customer and subscription could be read within the budget
 * @param error why the read is incomplete; absent when complete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerCenterSummary(int customers, int azureSubscriptions, boolean complete, ErrorBody error) {

    /**
     * The incomplete read as the run's failure: 503, since the next run reads Partner Center again, so that the
     * timer answers non-2xx and the host records a failed run.
     */
    RegistrarException failure() {
        return new RegistrarException(503, error == null ? "PartnerCenterIncomplete" : error.code(),
                "Partner Center could not be read in full, so nothing was removed or rewritten: "
                        + (error == null ? "no reason given" : error.message()));
    }
}
