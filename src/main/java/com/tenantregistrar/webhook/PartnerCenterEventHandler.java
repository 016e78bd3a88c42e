package com.tenantregistrar.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.CustomerRegistrationService;
import com.tenantregistrar.registration.CustomerRegistrationService.Outcome;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegistrationCatalog;

/**
 * Acts on a verified Partner Center event: acknowledges {@code test-created}, registers the subscription of a
 * {@code subscription-updated} (when {@code REGISTRAR_WEBHOOK_AUTO_REGISTER} is on) through the same service as
 * {@code registerCustomer}, and ignores the rest. Delivering an event twice does no harm: the PUT is idempotent.
 */
@ApplicationScoped
public class PartnerCenterEventHandler {

    private static final Logger LOG = Logger.getLogger(PartnerCenterEventHandler.class);
    /** The customer ID in Partner Center is the customer's Microsoft Entra tenant ID. */
    private static final Pattern SUBSCRIPTION_URI = Pattern.compile(
            "(?i)/customers/([0-9a-f-]{36})/subscriptions/([0-9a-f-]{36})/?$");

    private final ObjectMapper mapper;
    private final CustomerRegistrationService service;
    private final RegistrationCatalog catalog;
    private final boolean autoRegister;
    private final Duration timeout;

    @Inject
    public PartnerCenterEventHandler(ObjectMapper mapper, CustomerRegistrationService service,
            RegistrationCatalog catalog, RegistrarConfig config) {
        this.mapper = mapper;
        this.service = service;
        this.catalog = catalog;
        this.autoRegister = config.webhook().autoRegister();
        this.timeout = config.arm().timeout().plusSeconds(5);
    }

    /** The answer to a verified event. */
    public WebhookAnswer handle(byte[] body) {
        JsonNode event = parse(body);
        String name = event.path("EventName").asText("");
        LOG.infof("Partner Center event %s for %s", name, event.path("ResourceUri").asText("-"));
        return switch (name) {
            case "test-created" -> WebhookAnswer.of("acknowledged");
            case "subscription-updated" -> autoRegister ? register(event) : WebhookAnswer.of("ignored");
            default -> WebhookAnswer.of("ignored");
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode event = mapper.readTree(body);
            if (event != null && event.isObject() && event.path("EventName").isTextual()) {
                return event;
            }
        } catch (IOException notJson) {
            // answered below
        }
        throw new InvalidRequestException("The body is not a Partner Center event: a JSON object with an EventName.");
    }

    private WebhookAnswer register(JsonNode event) {
        String resourceUri = event.path("ResourceUri").asText("");
        Matcher ids = Optional.ofNullable(pathOf(resourceUri))
                .map(SUBSCRIPTION_URI::matcher).filter(Matcher::find)
                .orElseThrow(() -> new InvalidRequestException("A subscription-updated event's ResourceUri must end in "
                        + "/customers/{customerId}/subscriptions/{subscriptionId}, not '" + resourceUri + "'."));
        Guid tenant = Guid.require("ResourceUri customer ID", ids.group(1));
        Guid subscription = Guid.require("ResourceUri subscription ID", ids.group(2));
        try {
            Outcome outcome = service.register(subscription, tenant, catalog.all()).await().atMost(timeout);
            return new WebhookAnswer("registered", null, outcome.customerSubscriptionId(), outcome.tenantId(),
                    outcome.results());
        } catch (RegistrarException failure) {
            Outcome outcome = failure.result().filter(Outcome.class::isInstance).map(Outcome.class::cast)
                    .orElse(new Outcome(subscription.value(), tenant.value(), null));
            if (failure.isTransient()) {
                // Partner Center retries a non-2xx delivery (10 times); worth it only while the cause may pass.
                throw new RegistrarException(503, failure.code(), failure.getMessage()).withResult(outcome);
            }
            return new WebhookAnswer("failed", ErrorBody.of(failure), outcome.customerSubscriptionId(),
                    outcome.tenantId(), outcome.results());
        }
    }

    /** The path of a ResourceUri, which Partner Center sends as http or https. */
    private static String pathOf(String uri) {
        try {
            return URI.create(uri).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
