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
import com.tenantregistrar.drift.CustomerReconciler;
import com.tenantregistrar.drift.CustomerReconciler.Outcome;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory;
import com.tenantregistrar.registration.Guid;

import reactor.core.publisher.Mono;

/**
 * Acts on a verified Partner Center event: acknowledges {@code test-created}; for a {@code subscription-updated}
 * (when {@code REGISTRAR_WEBHOOK_AUTO_REGISTER} is on) asks Partner Center whether the subscription is an active
 * Azure product and, if so, registers that customer's Azure subscriptions where they are missing, by the drift
 * check's own rule, plan and executor ({@link CustomerReconciler}); ignores the rest. The event's subscription ID
 * is Partner Center's (for an Azure plan, the plan), never registered itself. Delivering an event twice does no
 * harm: the second finds nothing missing.
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
    private final PartnerCenterDirectory partnerCenter;
    private final CustomerReconciler reconciler;
    private final boolean autoRegister;
    private final Duration maxEventAge;
    private final Duration writeWindow;
    private final Duration timeout;

    @Inject
    public PartnerCenterEventHandler(ObjectMapper mapper, PartnerCenterDirectory partnerCenter,
            CustomerReconciler reconciler, RegistrarConfig config) {
        this.mapper = mapper;
        this.partnerCenter = partnerCenter;
        this.reconciler = reconciler;
        this.autoRegister = config.webhook().autoRegister();
        // Checked at start-up with every other duration (config.SettingsCheck): longer than zero.
        this.maxEventAge = config.webhook().maxEventAge();
        // Writes start within one ARM call's time; the whole answer, Partner Center's reads included, within two.
        this.writeWindow = config.arm().timeout();
        this.timeout = config.arm().timeout().multipliedBy(2);
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
            case "subscription-updated" -> autoRegister ? reconcile(event) : WebhookAnswer.of("ignored");
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

    /**
     * Resolves the event's Partner Center subscription (for an Azure plan, the plan) to the customer's Azure
     * subscriptions and reconciles that one customer, additions only.
     */
    private WebhookAnswer reconcile(JsonNode event) {
        String resourceUri = event.path("ResourceUri").asText("");
        Matcher ids = Optional.ofNullable(pathOf(resourceUri))
                .map(SUBSCRIPTION_URI::matcher).filter(Matcher::find)
                .orElseThrow(() -> new InvalidRequestException("A subscription-updated event's ResourceUri must end in "
                        + "/customers/{customerId}/subscriptions/{subscriptionId}, not '" + resourceUri + "'."));
        String tenant = Guid.require("ResourceUri customer ID", ids.group(1)).value();
        String subscription = Guid.require("ResourceUri subscription ID", ids.group(2)).value();
        try {
            return partnerCenter.subscription(tenant, subscription)
                    .flatMap(change -> change.registrable() ? partnerCenter.customer(tenant)
                            .flatMap(customer -> customer.azureSubscriptionIds().isEmpty()
                                    ? Mono.just(ignored(tenant, subscription, "the customer has no active Azure "
                                            + "subscription in Partner Center"))
                                    : reconciler.reconcile(customer, Instant.now().plus(writeWindow))
                                            .map(outcome -> answer(tenant, outcome)))
                            : Mono.just(ignored(tenant, subscription, change.azure()
                                    ? "an Azure plan that is not active" : "not an Azure product (" + change.offerId()
                                            + ")")))
                    .timeout(timeout, Mono.error(() -> new RegistrarException(504, "UpstreamTimeout",
                            "Partner Center and ARM did not answer within " + timeout.toSeconds() + " s.")))
                    .block();
        } catch (RegistrarException failure) {
            if (failure.isTransient()) {
                // Partner Center retries a non-2xx delivery (10 times); worth it only while the cause may pass.
                throw new RegistrarException(503, failure.code(), failure.getMessage())
                        .withResult(failure.result().orElse(null));
            }
            return new WebhookAnswer("failed", ErrorBody.of(failure), tenant, null);
        }
    }

    private static WebhookAnswer ignored(String tenant, String subscription, String why) {
        LOG.infof("subscription-updated for subscription %s of customer %s ignored: %s", subscription, tenant, why);
        return WebhookAnswer.of("ignored");
    }

    /** {@code registered}, {@code failed} (permanent: 200, retrying helps nobody), or 503 while a retry may help. */
    private static WebhookAnswer answer(String tenant, Outcome outcome) {
        outcome.ambiguous().forEach(a -> LOG.warnf("Customer %s has several active Azure subscriptions (%s) and none "
                + "is registered: nothing registered; pin one in the manifest (REGISTRAR_DESIRED_STATE)", a.tenantId(),
                String.join(", ", a.candidates())));
        if (outcome.failure().isPresent()) {
            RegistrarException failure = outcome.failure().get();
            WebhookAnswer failed = new WebhookAnswer("failed", ErrorBody.of(failure), tenant, outcome.actions());
            if (failure.isTransient()) {
                throw failure.withResult(failed);
            }
            return failed;
        }
        if (outcome.actions().isEmpty()) {
            LOG.infof("subscription-updated for customer %s: nothing to register", tenant);
            return WebhookAnswer.of("ignored");
        }
        return new WebhookAnswer("registered", null, tenant, outcome.actions());
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
