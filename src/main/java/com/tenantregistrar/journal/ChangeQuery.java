package com.tenantregistrar.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tenantregistrar.error.InvalidRequestException;

/**
 * One page asked of the journal: the filters (each optional), where the page starts and how long it is. Built from
 * checked input only, so that its table filter quotes nothing a caller wrote unchecked.
 *
 * @param customerSubscriptionId only this customer subscription (a lower-case GUID)
 * @param tenantId only writes that put or replaced this tenant (a lower-case GUID)
 * @param registration only this registration (a configured alias)
 * @param caller only writes of this caller, exactly (one the journal may hold: {@code correlation.Callers})
 * @param since only records at or after this time
 * @param after the last record of the previous page, or {@code null} for the first page
 * @param top the page's length
 */
public record ChangeQuery(String customerSubscriptionId, String tenantId, String registration, String caller,
        Instant since, Position after, int top) {

    /** Where a page ends: the table keys of its last record, handed to the caller as an opaque continuation. */
    public record Position(String partitionKey, String rowKey) {

        private static final Pattern FORMAT = Pattern.compile("(\\d{6})/(\\d{19}-[0-9a-f]{12})");

        /** The continuation a caller sends back for the next page. */
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((partitionKey + "/" + rowKey).getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The position a continuation names.
         *
         * @throws InvalidRequestException when it is not one this app handed out
         */
        public static Position decode(String continuation) {
            try {
                Matcher m = FORMAT.matcher(new String(Base64.getUrlDecoder().decode(continuation),
                        StandardCharsets.UTF_8));
                if (m.matches()) {
                    return new Position(m.group(1), m.group(2));
                }
            } catch (IllegalArgumentException notBase64) {
                // refused below, as any other continuation this app did not hand out
            }
            throw new InvalidRequestException("'continuation' is not one listChanges handed out: follow the answer's "
                    + "nextLink as it is.");
        }
    }

    /** The OData filter of this page, or {@code null} when nothing is filtered. */
    String filter() {
        List<String> terms = new ArrayList<>();
        if (customerSubscriptionId != null) {
            // A replace unmapped its previous subscription: that subscription's history includes it.
            terms.add("(customerSubscriptionId eq " + quoted(customerSubscriptionId) + " or previousSubscriptionId eq "
                    + quoted(customerSubscriptionId) + ")");
        }
        if (tenantId != null) {
            terms.add("(tenantId eq " + quoted(tenantId) + " or previousTenantId eq " + quoted(tenantId) + ")");
        }
        if (registration != null) {
            terms.add("registration eq " + quoted(registration));
        }
        if (caller != null) {
            terms.add("caller eq " + quoted(caller));
        }
        if (since != null) {
            // The partition bound spares the service a scan of the months before.
            terms.add("PartitionKey le " + quoted(Change.partition(since)));
            terms.add("time ge datetime'" + since.atOffset(ZoneOffset.UTC) + "'");
        }
        if (after != null) {
            terms.add("(PartitionKey gt " + quoted(after.partitionKey()) + " or (PartitionKey eq "
                    + quoted(after.partitionKey()) + " and RowKey gt " + quoted(after.rowKey()) + "))");
        }
        return terms.isEmpty() ? null : String.join(" and ", terms);
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
