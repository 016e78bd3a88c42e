package com.tenantregistrar.partnercenter;

import java.util.Optional;

import com.tenantregistrar.config.Percent;

/**
 * Whether a generation of the Partner Center walk is believable next to the previous complete one: a partner does
 * not lose more than a few percent of its customers between two walks, so a generation that shrank by more than
 * REGISTRAR_PARTNER_CENTER_MAX_SHRINK is far more likely a short answer than a true one. Pure.
 */
final class Plausibility {

    private Plausibility() {
    }

    /** A generation's figures: its customers, and their Azure subscriptions, active or inactive. */
    record Figures(long generation, int customers, Integer azureSubscriptions) {

        @Override
        public String toString() {
            return customers + " customers and " + (azureSubscriptions == null ? "?" : azureSubscriptions)
                    + " Azure subscriptions in generation " + generation;
        }
    }

    /**
     * Why {@code now} is not to be believed after {@code previous}, or empty when it is.
     *
     * @param previous the last complete generation's figures; null when there is none (nothing to compare with)
     */
    static Optional<String> problem(Figures previous, Figures now, Percent maxShrink) {
        if (previous == null) {
            return Optional.empty();
        }
        boolean customersShrank = shrank(previous.customers(), now.customers(), maxShrink);
        boolean subscriptionsShrank = previous.azureSubscriptions() != null && now.azureSubscriptions() != null
                && shrank(previous.azureSubscriptions(), now.azureSubscriptions(), maxShrink);
        if (!customersShrank && !subscriptionsShrank) {
            return Optional.empty();
        }
        return Optional.of("The Partner Center walk found " + now + ", against " + previous + ": more than "
                + "REGISTRAR_PARTNER_CENTER_MAX_SHRINK (" + maxShrink + ") fewer. It is not taken as complete, the "
                + "previous generation stays the last complete one, and nothing is removed or rewritten; the next "
                + "run walks again. If the partner did lose that many, raise REGISTRAR_PARTNER_CENTER_MAX_SHRINK for "
                + "one walk.");
    }

    private static boolean shrank(int before, int now, Percent maxShrink) {
        return before - now > maxShrink.of(before);
    }
}
