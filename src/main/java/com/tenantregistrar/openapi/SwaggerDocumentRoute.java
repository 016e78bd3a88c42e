package com.tenantregistrar.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * Serves {@code GET /swagger.json}: the OpenAPI 2.0 (Swagger) description of the HTTP functions, which is the only
 * version Logic Apps custom connectors import. Hand-written, because smallrye-openapi writes OpenAPI 3 and does not
 * see Funqy functions; {@code SwaggerDocumentTest} holds it to the code.
 */
@ApplicationScoped
public class SwaggerDocumentRoute {

    static final String RESOURCE = "swagger.json";

    void register(@Observes Router router) {
        Buffer document = Buffer.buffer(read());
        // Before Funqy's catch-all route, which would take "swagger.json" for an unknown function.
        router.get("/" + RESOURCE).order(-100).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(document));
    }

    private static byte[] read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
