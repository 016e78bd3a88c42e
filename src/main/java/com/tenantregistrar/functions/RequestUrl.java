package com.tenantregistrar.functions;

import io.vertx.core.http.HttpServerRequest;

/** The app's URLs as the caller reached them, behind the Functions host's (or a proxy's) forwarding too. */
public final class RequestUrl {

    private RequestUrl() {
    }

    /** The host (and port) the caller asked for: the proxy's {@code X-Forwarded-Host}, else the request's own. */
    public static String host(HttpServerRequest http) {
        String forwarded = forwardedHost(http);
        return forwarded != null ? forwarded : http.authority().toString();
    }

    /** The first {@code X-Forwarded-Host}, if a proxy sent one. */
    public static String forwardedHost(HttpServerRequest http) {
        String host = http.getHeader("X-Forwarded-Host");
        return host == null || host.isBlank() ? null : host.split(",")[0].trim();
    }

    /** The absolute URL of the function {@code path} (such as {@code /driftRun}) on the host the caller used. */
    static String of(HttpServerRequest http, String path) {
        String proto = http.getHeader("X-Forwarded-Proto");
        return (proto != null ? proto.split(",")[0].trim() : http.scheme()) + "://" + host(http) + path;
    }
}
