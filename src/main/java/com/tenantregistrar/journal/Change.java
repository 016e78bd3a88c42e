package com.tenantregistrar.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import com.azure.data.tables.models.TableEntity;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One record of the change journal: an ARM write the app made (or a fix it observed), as {@code listChanges}
 * answers it and the journal table holds it.
 * <p>
 * Its table keys order the journal newest first and make storing it idempotent: the partition is the month,
 * inverted ({@code 999999 - yyyyMM}), so that whole months can be deleted when they pass the retention; the row is
 * the time, inverted to the millisecond, and a hash of what identifies the write, so a record sent again lands on
 * the same row instead of beside it.
 *
 * @param time when ARM answered (or the fix was observed), ISO-8601 UTC
 * @param action {@code register}, {@code rewrite}, {@code replace} or {@code remove}
 * @param tenantId the tenant after the write (none after a removal)
 * @param previousTenantId the tenant before the write, when the app knew it
 * @param previousSubscriptionId the tenant's subscription that the write unmapped, when there was one
 * @param trigger {@code function}, {@code timer} or {@code webhook}
 * @param caller who called: an App Service Authentication principal, {@code functionKey}, {@code timer} or
 *        {@code webhook} ({@code correlation.Callers}); none on records stored before callers were recorded
 * @param correlationId the correlation ID of the call that made the write
 * @param outcome ARM's outcome ({@code registered}, {@code accepted}, {@code removed}, {@code absent}), {@code failed},
 *        or {@code observed} for a missing customer registered outside the app
 * @param error ARM's error code of a failed write
 * @param missingSince when the drift check first saw the customer missing there, on the write that fixed it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(String time, String action, String registration, String customerSubscriptionId,
        String tenantId, String previousTenantId, String previousSubscriptionId, String trigger, String caller,
        String correlationId, String outcome, String armRequestId, String armCorrelationId, String error,
        String missingSince) {

    /** Whether ARM took the write (a PUT or a DELETE, whether the entry was there or not). */
    @JsonIgnore
    boolean written() {
        return !"failed".equals(outcome) && !"observed".equals(outcome);
    }

    /** A copy that carries {@code since} as its {@code missingSince}. */
    Change withMissingSince(Instant since) {
        return new Change(time, action, registration, customerSubscriptionId, tenantId, previousTenantId,
                previousSubscriptionId, trigger, caller, correlationId, outcome, armRequestId, armCorrelationId, error,
                since.toString());
    }

    /** Whether it put the customer subscription on the registration: what fixes a missing entry. */
    @JsonIgnore
    boolean registered() {
        return !"remove".equals(action) && ("registered".equals(outcome) || "accepted".equals(outcome));
    }

    /** The journal partition of {@code time}: its month, inverted so that newer months sort first. */
    static String partition(Instant time) {
        OffsetDateTime utc = time.atOffset(ZoneOffset.UTC);
        return String.format("%06d", 999_999 - (utc.getYear() * 100 + utc.getMonthValue()));
    }

    String partitionKey() {
        return partition(Instant.parse(time));
    }

    String rowKey() {
        String identity = String.join("|", time, action, registration, customerSubscriptionId, correlationId,
                outcome);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return String.format("%019d", Long.MAX_VALUE - Instant.parse(time).toEpochMilli()) + "-"
                    + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    TableEntity toEntity() {
        TableEntity entity = new TableEntity(partitionKey(), rowKey())
                .addProperty("time", Instant.parse(time).atOffset(ZoneOffset.UTC));
        put(entity, "action", action);
        put(entity, "registration", registration);
        put(entity, "customerSubscriptionId", customerSubscriptionId);
        put(entity, "tenantId", tenantId);
        put(entity, "previousTenantId", previousTenantId);
        put(entity, "previousSubscriptionId", previousSubscriptionId);
        put(entity, "trigger", trigger);
        put(entity, "caller", caller);
        put(entity, "correlationId", correlationId);
        put(entity, "outcome", outcome);
        put(entity, "armRequestId", armRequestId);
        put(entity, "armCorrelationId", armCorrelationId);
        put(entity, "error", error);
        put(entity, "missingSince", missingSince);
        return entity;
    }

    static Change of(TableEntity entity) {
        OffsetDateTime time = (OffsetDateTime) entity.getProperty("time");
        return new Change(time.toInstant().toString(), get(entity, "action"), get(entity, "registration"),
                get(entity, "customerSubscriptionId"), get(entity, "tenantId"), get(entity, "previousTenantId"),
                get(entity, "previousSubscriptionId"), get(entity, "trigger"), get(entity, "caller"),
                get(entity, "correlationId"), get(entity, "outcome"), get(entity, "armRequestId"),
                get(entity, "armCorrelationId"), get(entity, "error"), get(entity, "missingSince"));
    }

    private static void put(TableEntity entity, String name, String value) {
        if (value != null) {
            entity.addProperty(name, value);
        }
    }

    private static String get(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        return value == null ? null : value.toString();
    }
}
