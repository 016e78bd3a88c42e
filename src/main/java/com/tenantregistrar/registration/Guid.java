package com.tenantregistrar.registration;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import com.tenantregistrar.error.InvalidRequestException;

/**
 * A subscription or tenant ID. Accepted in any case and kept in lower case, which is how Azure returns IDs and
 * how the registration's API expects them.
 */
public record Guid(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    public Guid {
        value = value.trim().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a GUID");
        }
    }

    /** Whether {@code raw} is a GUID in any case. */
    public static boolean isGuid(String raw) {
        return raw != null && FORMAT.matcher(raw.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * The request field {@code field} as a GUID.
     *
     * @throws InvalidRequestException when it is missing or not a GUID
     */
    public static Guid require(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException("'" + field + "' is required: the GUID of the customer's "
                    + (field.startsWith("tenant") ? "Microsoft Entra tenant" : "Azure subscription") + ".");
        }
        if (!isGuid(raw)) {
            throw new InvalidRequestException("'" + field + "' must be a GUID such as "
                    + "'0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c', not '" + abbreviate(raw) + "'.");
        }
        return new Guid(raw);
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
