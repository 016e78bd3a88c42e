package com.tenantregistrar.partnercenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.config.Percent;
import com.tenantregistrar.partnercenter.Plausibility.Figures;

/** A generation against the previous one, REGISTRAR_PARTNER_CENTER_MAX_SHRINK at its default of 10%. */
class PlausibilityTest {

    private static final Percent TEN = Percent.of("10%");

    @Test
    void aShrinkWithinTheLimitOrGrowthIsBelieved() {
        assertEquals(Optional.empty(), Plausibility.problem(new Figures(1, 100, 200), new Figures(2, 90, 180), TEN));
        assertEquals(Optional.empty(), Plausibility.problem(new Figures(1, 100, 200), new Figures(2, 500, 900), TEN));
        assertEquals(Optional.empty(), Plausibility.problem(null, new Figures(1, 0, 0), TEN), "nothing to compare");
    }

    @Test
    void fewerCustomersOrFewerSubscriptionsBeyondTheLimitAreNot() {
        assertTrue(Plausibility.problem(new Figures(1, 100, 200), new Figures(2, 89, 200), TEN).isPresent());
        assertTrue(Plausibility.problem(new Figures(1, 100, 200), new Figures(2, 100, 179), TEN).isPresent());
        assertTrue(Plausibility.problem(new Figures(1, 100, 200), new Figures(2, 0, 0), TEN).get()
                .contains("0 customers and 0 Azure subscriptions in generation 2, against 100 customers and 200"));
    }

    @Test
    void aPreviousGenerationWithoutSubscriptionFiguresIsJudgedByItsCustomers() {
        assertEquals(Optional.empty(), Plausibility.problem(new Figures(1, 100, null), new Figures(2, 95, 1), TEN));
        assertTrue(Plausibility.problem(new Figures(1, 100, null), new Figures(2, 50, 50), TEN).isPresent());
    }

    @Test
    void percentagesAreReadAsOperatorsWriteThem() {
        assertEquals(10.0, Percent.of(" 10 % ").value());
        assertEquals(25.5, Percent.of("25.5").value());
        assertEquals("10%", TEN.toString());
    }
}
