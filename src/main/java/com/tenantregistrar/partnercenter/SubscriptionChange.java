package com.tenantregistrar.partnercenter;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Partner Center subscription of a customer, as far as registration cares: which product it is and where it is
 * in its life. Only active Azure products bring Azure subscriptions to register; inactive ones (suspended, pending)
 * keep theirs registered where they are; only gone ones (deleted, cancelled, expired) let them go.
 *
 * @param tenantId the customer's tenant (its Partner Center customer ID), lower case
 * @param subscriptionId the Partner Center subscription ID (for an Azure plan, the plan), lower case
 * @param offerId the offer, such as {@code DZH318Z0BPS6:0001:DZH318Z0BML6}
 * @param product what the offer is
 * @param status its Partner Center status, lower case ({@code active}, {@code suspended}, {@code deleted}, ...)
 * @param entitlementId for legacy CSP Azure, the Azure subscription ID ({@code entitlementId}), lower case; else
 *     null
 */
public record SubscriptionChange(String tenantId, String subscriptionId, String offerId, Product product,
        String status, String entitlementId) {

    /** The Azure plan's product ID; its offer IDs are {@code product:sku:availability}, the last part varies. */
    static final String AZURE_PLAN_PREFIX = "DZH318Z0BPS6:";

    /** What a subscription's offer is. */
    public enum Product {
        /** A Microsoft Azure plan: its Azure subscriptions are its {@code azureEntitlements}. */
        AZURE_PLAN,
        /** Legacy CSP Azure ({@code MS-AZR-0145P} and its variants, billed by usage): one Azure subscription. */
        LEGACY_AZURE,
        /** Anything else (Microsoft 365, software, ...): no Azure subscription. */
        OTHER
    }

    /** Where a Partner Center subscription or Azure entitlement is in its life, by its status. */
    public enum Lifecycle {
        /** {@code active}: its Azure subscriptions should be registered. */
        ACTIVE,
        /**
         * Neither active nor gone ({@code suspended}, {@code disabled}, {@code pending}, {@code none}, or a status
         * Partner Center may add): the customer still owns the subscription, so it stays registered where it is.
         */
        INACTIVE,
        /** {@code deleted}, {@code cancelled} or {@code expired}: no longer the customer's to be billed for. */
        GONE;

        /** The lifecycle of {@code status}; what is not known to be gone is kept (inactive), never let go. */
        public static Lifecycle of(String status) {
            return switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "active" -> ACTIVE;
                case "deleted", "cancelled", "canceled", "expired" -> GONE;
                default -> INACTIVE;
            };
        }
    }

    /** Whether its status is {@code active}. */
    public boolean active() {
        return lifecycle() == Lifecycle.ACTIVE;
    }

    /** Where it is in its life. */
    public Lifecycle lifecycle() {
        return Lifecycle.of(status);
    }

    /** Whether it is an Azure product, active or not. */
    public boolean azure() {
        return product != Product.OTHER;
    }

    /** Whether it is an active Azure product, which may bring Azure subscriptions to register. */
    public boolean registrable() {
        return azure() && active();
    }

    /** Reads a Partner Center {@code Subscription} resource of the customer {@code tenantId}. */
    static SubscriptionChange of(String tenantId, JsonNode subscription) {
        String offerId = subscription.path("offerId").asText("");
        String upper = offerId.toUpperCase(Locale.ROOT);
        Product product = upper.startsWith(AZURE_PLAN_PREFIX) ? Product.AZURE_PLAN
                : upper.startsWith("MS-AZR-") && "usage".equalsIgnoreCase(subscription.path("billingType").asText(""))
                        ? Product.LEGACY_AZURE : Product.OTHER;
        String entitlementId = product == Product.LEGACY_AZURE ? lower(subscription.path("entitlementId").asText(""))
                : null;
        return new SubscriptionChange(lower(tenantId), lower(subscription.path("id").asText("")), offerId, product,
                lower(subscription.path("status").asText("")),
                entitlementId == null || entitlementId.isEmpty() ? null : entitlementId);
    }

    /** The legacy subscription's Azure subscription ID, when it names one. */
    Optional<String> legacyAzureSubscriptionId() {
        return Optional.ofNullable(entitlementId);
    }

    static String lower(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }
}
