package com.tenantregistrar.partnercenter;

import com.tenantregistrar.error.ErrorBody;

/**
 * A customer whose read failed after the retries, with the last error; in the report's
 * {@code partnerCenter.skipped}, a customer the walk stepped over.
 *
 * @param customerId its Partner Center customer ID, which is its tenant ID
 */
public record CustomerFailure(String customerId, ErrorBody error) {
}
