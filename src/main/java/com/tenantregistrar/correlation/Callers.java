package com.tenantregistrar.correlation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.runtime.Startup;
import io.vertx.core.MultiMap;

/**
 * Who calls, as every journal record and ARM write log line names it ({@link CallContext#caller()}). An HTTP
 * function's caller is the principal App Service Authentication (Easy Auth) vouches for, {@code name (id)} from
 * {@value #NAME} and {@value #ID}, else {@value #FUNCTION_KEY} (the Functions host checked the function key); the
 * timer's runs are {@code timer}, Partner Center's deliveries {@code webhook}.
 * <p>
 * Whoever reaches the app's own port can send those headers, so they are read only when the platform says
 * authentication is on (WEBSITE_AUTH_ENABLED: App Service then removes callers' copies and sets its own) and the app
 * listens on loopback alone, where only the Functions host reaches it (production's {@code quarkus.http.host});
 * otherwise they are ignored. They are still input: a value keeps no control or format characters and is cut to a
 * bounded length. The claims header, {@code X-MS-CLIENT-PRINCIPAL}, is never read, so no token reaches a record.
 */
@Startup
@ApplicationScoped
public class Callers {

    /** An HTTP function's caller without a principal: the Functions host checked the function key. */
    public static final String FUNCTION_KEY = "functionKey";
    static final String NAME = "X-MS-CLIENT-PRINCIPAL-NAME";
    static final String ID = "X-MS-CLIENT-PRINCIPAL-ID";
    private static final int MAX_NAME = 128;
    private static final int MAX_ID = 64;
    /** The longest caller recorded: a name and an ID at their longest, as {@code name (id)}. */
    public static final int MAX_LENGTH = MAX_NAME + MAX_ID + 3;

    private static final Logger LOG = Logger.getLogger(Callers.class);

    private final boolean principals;

    @Inject
    public Callers(RegistrarConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        boolean loopback = loopback(host);
        this.principals = config.appServiceAuthentication() && loopback;
        if (config.appServiceAuthentication() && !loopback) {
            LOG.warnf("WEBSITE_AUTH_ENABLED is true, but the app listens on %s, where callers may reach it past App "
                    + "Service Authentication: its principal headers are ignored, and HTTP functions' changes are "
                    + "journaled as %s. Leave QUARKUS_HTTP_HOST unset (127.0.0.1)", host, FUNCTION_KEY);
        }
    }

    /** The caller of a request that {@code trigger} serves, with these headers. */
    String of(String trigger, MultiMap headers) {
        if (!"function".equals(trigger)) {
            return trigger; // the host's timer, or Partner Center's signed delivery: no principal is involved
        }
        String name = principals ? clean(platformHeader(headers, NAME), MAX_NAME) : "";
        String id = principals ? clean(platformHeader(headers, ID), MAX_ID) : "";
        if (name.isEmpty() && id.isEmpty()) {
            return FUNCTION_KEY;
        }
        return name.isEmpty() ? id : id.isEmpty() ? name : name + " (" + id + ")";
    }

    /**
     * Whether {@code value} is a caller the journal may hold: not empty, at most {@link #MAX_LENGTH} characters,
     * without control or format characters or space around it.
     */
    public static boolean recordable(String value) {
        return !value.isEmpty() && clean(value, MAX_LENGTH).equals(value);
    }

    /** The platform sets each header once; one that arrives twice is not the platform's alone. */
    private static String platformHeader(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    /** {@code raw} without control, format or line-separating characters, trimmed, at most {@code max} long. */
    private static String clean(String raw, int max) {
        if (raw == null) {
            return "";
        }
        String kept = raw.codePoints().filter(Callers::printable)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return kept.codePointCount(0, kept.length()) <= max ? kept
                : kept.substring(0, kept.offsetByCodePoints(0, max)).strip();
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        };
    }

    /** Whether {@code host} is a loopback address; a name that does not resolve is not. */
    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
