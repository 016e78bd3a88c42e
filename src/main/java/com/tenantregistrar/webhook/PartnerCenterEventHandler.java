package com.tenantregistrar.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
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
 * An event older than {@code REGISTRAR_WEBHOOK_MAX_EVENT_AGE} is acknowledged as stale and not acted on: Partner
 * Center stops redelivering long before, so it can only be a replay of a captured delivery.
 */
@ApplicationScoped
public class PartnerCenterEventHandler {

    private static final Logger LOG = Logger.getLogger(PartnerCenterEventHandler.class);
    private static final String MAX_EVENT_AGE = "REGISTRAR_WEBHOOK_MAX_EVENT_AGE";
    /** The customer ID in Partner Center is the customer's Microsoft Entra tenant ID. */
    private static final Pattern SUBSCRIPTION_URI = Pattern.compile(
            "(?i)/customers/([0-9a-f-]{36})/subscriptions/([0-9a-f-]{36})/?$");

    private final ObjectMapper mapper;
    private final CustomerRegistrationService service;
    private final RegistrationCatalog catalog;
    private final boolean autoRegister;
    private final Duration maxEventAge;
    private final Duration timeout;

    @Inject
    public PartnerCenterEventHandler(ObjectMapper mapper, CustomerRegistrationService service,
            RegistrationCatalog catalog, RegistrarConfig config) {
        this.mapper = mapper;
        this.service = service;
        this.catalog = catalog;
        this.autoRegister = config.webhook().autoRegister();
        // Checked at start-up with every other duration (config.SettingsCheck): longer than zero.
        this.maxEventAge = config.webhook().maxEventAge();
        this.timeout = config.arm().timeout().plusSeconds(5);
    }

    /** The answer to a verified event. */
    public WebhookAnswer handle(byte[] body) {
        JsonNode event = parse(body);
        String name = event.path("EventName").asText("");
        String resource = event.path("ResourceUri").asText("-");
        LOG.infof("Partner Center event %s for %s", name, resource);
        Optional<Duration> age = ageOf(event);
        if (age.isPresent() && age.get().compareTo(maxEventAge) > 0) {
            LOG.warnf("Partner Center event %s for %s is stale: its ResourceChangeUtcDate %s is %s old, more than "
                    + "%s (%s); acknowledged and not acted on", name, resource,
                    event.path("ResourceChangeUtcDate").asText(), readable(age.get()), MAX_EVENT_AGE,
                    readable(maxEventAge));
            return WebhookAnswer.of("stale");
        }
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

    /**
     * How long ago the event's resource changed, by its ResourceChangeUtcDate (UTC when it carries no offset). An
     * event without a readable date is handled as any other: the signature proves Partner Center sent it, and
     * refusing it would drop genuine events for a field the documentation says may be missing.
     */
    private static Optional<Duration> ageOf(JsonNode event) {
        JsonNode date = event.path("ResourceChangeUtcDate");
        if (!date.isTextual()) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(date.asText().trim(),
                    OffsetDateTime::from, LocalDateTime::from);
            Instant changed = parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(Duration.between(changed, Instant.now()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "8d 00h 05m" rather than Duration's "PT192H5M". */
    private static String readable(Duration duration) {
        return String.format("%dd %02dh %02dm", duration.toDays(), duration.toHoursPart(), duration.toMinutesPart());
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
