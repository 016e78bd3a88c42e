package com.tenantregistrar.coverage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.registration.Guid;

/**
 * Which entries {@code GET /coverage} answers: of one registration, of one tenant, in one state; each absent for all.
 *
 * @param registration a configured registration's alias, as configured
 * @param tenantId a tenant ID, lower case
 * @param status one state
 */
public record CoverageFilter(String registration, String tenantId, Status status) {

    /** Every entry. */
    public static final CoverageFilter ALL = new CoverageFilter(null, null, null);

    /** The state of a customer subscription on a registration, as the coverage names it. */
    public enum Status {
        REGISTERED("registered"),
        MISSING("missing"),
        UNEXPECTED("unexpected"),
        INACTIVE("inactive"),
        AMBIGUOUS("ambiguous"),
        TENANT_MISMATCH("tenantMismatch"),
        UNDECIDED("undecided");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /**
     * The filter a caller asked for, the tenant and the state checked.
     *
     * @param alias a configured registration's alias, checked already
     * @throws InvalidRequestException naming the value and what it may be
     */
    public static CoverageFilter of(String alias, String tenantId, String status) {
        String tenant = tenantId == null ? null : Guid.require("tenantId", tenantId).value();
        Status state = null;
        if (status != null) {
            String wanted = status.trim();
            state = Arrays.stream(Status.values()).filter(s -> s.code().equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("'status' must be one of "
                            + Arrays.stream(Status.values()).map(Status::code).collect(Collectors.joining(", "))
                            + ", not '" + abbreviate(wanted) + "'."));
        }
        return new CoverageFilter(alias, tenant, state);
    }

    /** Whether an entry of {@code status} on {@code registration} for {@code tenant} passes. */
    boolean passes(Status entryStatus, String entryRegistration, String entryTenant) {
        return (status == null || status == entryStatus)
                && (registration == null || entryRegistration == null || registration.equals(entryRegistration))
                && (tenantId == null || tenantId.equals(entryTenant == null ? null
                        : entryTenant.toLowerCase(Locale.ROOT)));
    }

    /** Whether the registration's own figures pass. */
    boolean passes(String entryRegistration) {
        return registration == null || registration.equals(entryRegistration);
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "…";
    }
}
