package com.tenantregistrar.telemetry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * The filter every span attribute passes before it leaves the app ({@link RedactingSpanExporter}): a request's query
 * ({@code ?code=} carries a function key, a SAS its signature) is dropped and cut from every URL; an attribute named
 * like a secret (token, key, secret, password, signature, authorization, cookie, credential) is dropped; a value that
 * looks like a bearer token, a JWT or a key assignment is replaced. Customer company names never become attributes:
 * the app puts none there, and the instrumentation records no request or response body.
 */
public final class SecretRedaction {

    static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_WORDS = Set.of("token", "key", "secret", "password", "signature",
            "authorization", "cookie", "credential", "sig", "code");
    /** Names whose last segment is "code" but that hold a status, never a function key. */
    private static final Set<String> STATUS_CODES = Set.of("http.response.status_code", "http.status_code",
            "rpc.grpc.status_code", "otel.status_code");
    private static final Set<String> QUERIES = Set.of("url.query", "http.query");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)bearer\\s+\\S+|eyJ[\\w-]{4,}\\.[\\w-]{4,}|\\b(accountkey|sharedaccesssignature|sig|code|client_secret"
                    + "|access_token|refresh_token|password)=");

    private SecretRedaction() {
    }

    /** {@code attributes} without anything secret. */
    public static Attributes redact(Attributes attributes) {
        AttributesBuilder kept = Attributes.builder();
        attributes.forEach((key, value) -> {
            String name = key.getKey();
            if (QUERIES.contains(name) || (!STATUS_CODES.contains(name) && namedLikeASecret(name))) {
                return;
            }
            if (key.getType() == AttributeType.STRING) {
                kept.put(AttributeKey.stringKey(name), redactValue((String) value));
            } else {
                putAsItIs(kept, key, value);
            }
        });
        return kept.build();
    }

    /** A URL without its query, and any other text unless it looks like a secret. */
    static String redactValue(String value) {
        String text = value;
        int query = text.indexOf('?');
        if (query >= 0 && text.regionMatches(true, 0, "http", 0, 4)) {
            text = text.substring(0, query);
        }
        return SECRET_VALUE.matcher(text).find() ? REDACTED : text;
    }

    private static boolean namedLikeASecret(String name) {
        return Arrays.stream(name.toLowerCase(Locale.ROOT).split("[._\\-]")).anyMatch(SECRET_WORDS::contains);
    }

    @SuppressWarnings("unchecked")
    private static <T> void putAsItIs(AttributesBuilder builder, AttributeKey<T> key, Object value) {
        builder.put(key, (T) value);
    }
}
