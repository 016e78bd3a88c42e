package com.tenantregistrar.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.drift.AmbiguousTenant;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.drift.PartnerCenterSummary;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.partnercenter.CustomerFailure;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A kept drift run as the coverage reads it: which run, what triggered it, when, how it ended, and its report.
 *
 * @param runId the run's ID
 * @param trigger {@code timer} or {@code checkDrift}
 * @param startedAt when the run started (ISO-8601)
 * @param outcome {@code complete} or {@code incomplete}
 */
// Read by Jackson outside Funqy, in a native executable too.
@RegisterForReflection(targets = { DriftReport.class, DriftReport.Missing.class, DriftReport.Unexpected.class,
        DriftReport.Inactive.class, DriftReport.TenantMismatch.class, DriftReport.Action.class,
        DriftReport.Reason.class, DriftReport.RegistrationSummary.class, DriftReport.Registered.class, DriftReport.Company.class,
        AmbiguousTenant.class, PartnerCenterSummary.class, CustomerFailure.class, ErrorBody.class })
public record KeptReport(String runId, String trigger, String startedAt, String outcome, DriftReport report) {

    /**
     * The kept run of {@code json}: its run's members beside the report's, as the drift functions answer and keep it.
     *
     * @throws UncheckedIOException when it is not such a document
     */
    public static KeptReport parse(ObjectMapper mapper, byte[] json) {
        try {
            JsonNode tree = mapper.readTree(json);
            DriftReport report = mapper.readerFor(DriftReport.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
            return new KeptReport(text(tree, "runId"), text(tree, "trigger"), text(tree, "startedAt"),
                    text(tree, "outcome"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
