package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.RegistrationRule.Decision;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.Registration;

/** The registration rule alone: one subscription per tenant, chosen only when there is no guessing. */
class RegistrationRuleTest {

    static final Registration EAST = new Registration("east", "/subscriptions/x/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/east");
    static final Registration WEST = new Registration("west", "/subscriptions/x/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/west");
    static final String T = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String A = "0000000a-0000-4000-8000-000000000000";
    static final String B = "0000000b-0000-4000-8000-000000000000";
    static final String C = "0000000c-0000-4000-8000-000000000000";

    private static Decision decide(List<String> candidates, Map<String, String> onEast, Map<String, String> onWest) {
        return RegistrationRule.decide(Map.of(T, candidates),
                List.of(Holdings.read(EAST, onEast), Holdings.read(WEST, onWest)));
    }

    @Test
    void theOneCandidateIsChosenWhateverIsRegistered() {
        assertEquals(Map.of(T, A), decide(List.of(A), Map.of(), Map.of()).chosen());
        assertEquals(Map.of(T, A), decide(List.of(A.toUpperCase()), Map.of(B, T), Map.of()).chosen(),
                "another registered subscription of the tenant does not change the only candidate");
    }

    @Test
    void ofSeveralTheOneRegisteredOnSomeRegistrationWins() {
        Decision decision = decide(List.of(A, B, C), Map.of(), Map.of(B, T));
        assertEquals(Map.of(T, B), decision.chosen());
        assertEquals(List.of(), decision.ambiguous());
    }

    @Test
    void ofSeveralNoneRegisteredIsAmbiguousWithItsCandidatesSorted() {
        Decision decision = decide(List.of(C, A, B, A), Map.of(), Map.of());
        assertEquals(Map.of(), decision.chosen());
        assertEquals(List.of(new AmbiguousTenant(T, List.of(A, B, C))), decision.ambiguous());
    }

    @Test
    void ofSeveralTwoRegisteredOnDifferentRegistrationsIsAmbiguousNotGuessed() {
        Decision decision = decide(List.of(A, B), Map.of(A, T), Map.of(B, T));
        assertEquals(Map.of(), decision.chosen());
        assertEquals(List.of(new AmbiguousTenant(T, List.of(A, B))), decision.ambiguous());
    }

    @Test
    void aTenantWithoutCandidatesGetsNothingAndAnUnreadableRegistrationShowsNothingRegistered() {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        candidates.put(T, List.of());
        candidates.put("aaaaaaaa-0000-4000-8000-000000000002", List.of(A, B));
        Decision decision = RegistrationRule.decide(candidates, List.of(Holdings.read(EAST, Map.of()),
                Holdings.unreadable(WEST, new RegistrarException(503, "ServiceUnavailable", "down"))));
        assertEquals(Map.of(), decision.chosen());
        assertEquals(1, decision.ambiguous().size(), "no candidate is seen registered: never guessed");
    }
}
