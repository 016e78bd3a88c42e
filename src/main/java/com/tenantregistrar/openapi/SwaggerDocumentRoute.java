package com.tenantregistrar.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.functions.RequestUrl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Serves {@code GET /swagger.json}: the OpenAPI 2.0 (Swagger) description of the HTTP functions, which is the only
 * version Logic Apps custom connectors import. Hand-written, because smallrye-openapi writes OpenAPI 3 and does not
 * see Funqy functions; {@code SwaggerDocumentTest} holds it to the code. Its {@code host} is the one the caller
 * reached: a proxy's {@code X-Forwarded-Host}, else the app's default host name ({@code WEBSITE_HOSTNAME}, which the
 * Functions host sets, and whose own requests to the app name 127.0.0.1), else the request's {@code Host}.
 */
@ApplicationScoped
public class SwaggerDocumentRoute {

    static final String RESOURCE = "swagger.json";

    private final ObjectMapper mapper;
    private final Optional<String> websiteHostname;

    @Inject
    public SwaggerDocumentRoute(ObjectMapper mapper, RegistrarConfig config) {
        this.mapper = mapper;
        this.websiteHostname = config.websiteHostname().map(String::trim).filter(name -> !name.isEmpty());
    }

    void register(@Observes Router router) {
        ObjectNode document = read();
        // Before Funqy's catch-all route, which would take "swagger.json" for an unknown function.
        router.get("/" + RESOURCE).order(-100).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(withHost(document, host(ctx.request())).toString()));
    }

    private String host(HttpServerRequest request) {
        String forwarded = RequestUrl.forwardedHost(request);
        return forwarded != null ? forwarded : websiteHostname.orElseGet(() -> RequestUrl.host(request));
    }

    /** {@code document} with {@code host} after {@code info}, where the specification's examples put it. */
    private ObjectNode withHost(ObjectNode document, String host) {
        ObjectNode served = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            served.set(field.getKey(), field.getValue());
            if (field.getKey().equals("info")) {
                served.put("host", host);
            }
        }
        return served;
    }

    private ObjectNode read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application's resources");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
