package com.tenantregistrar.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /partnerCenterWebhook}: a plain Vert.x route beside the Funqy functions, because the signature covers
 * the raw body bytes and the headers, which Funqy does not show. Every request is verified before its body is
 * parsed; one that fails answers 401 and reaches no ARM.
 */
@ApplicationScoped
public class PartnerCenterWebhookRoute {

    private static final Logger LOG = Logger.getLogger(PartnerCenterWebhookRoute.class);
    static final String PATH = "/partnerCenterWebhook";

    private final WebhookVerifier verifier;
    private final PartnerCenterEventHandler events;
    private final ObjectMapper mapper;

    @Inject
    public PartnerCenterWebhookRoute(WebhookVerifier verifier, PartnerCenterEventHandler events, ObjectMapper mapper) {
        this.verifier = verifier;
        this.events = events;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        // Before Funqy's catch-all route; the body limit answers 413 before any work.
        router.post(PATH).order(-100)
                .handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .blockingHandler(this::handle, false);
    }

    /** A header that must appear at most once: a second copy could make two checks read two different values. */
    private static String single(MultiMap headers, String name) {
        List<String> values = headers.getAll(name);
        if (values.size() > 1) {
            throw new InvalidSignatureException("headers: " + name + " appears " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private void handle(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        byte[] body = raw == null ? new byte[0] : raw.getBytes();
        try {
            verifier.verify(name -> single(ctx.request().headers(), name), body);
        } catch (InvalidSignatureException refused) {
            LOG.warnf("Partner Center webhook refused at %s", refused.step());
            ctx.fail(refused);
            return;
        }
        try {
            String answer = mapper.writeValueAsString(events.handle(body));
            ctx.response().putHeader("Content-Type", "application/json").end(answer);
        } catch (JsonProcessingException | RuntimeException e) {
            ctx.fail(e);
        }
    }
}
