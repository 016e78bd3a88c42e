package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.S3;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.Manifest.DesiredCustomer;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.registration.Registration;

/** The webhook's one-customer plan alone: which entries it reads, which lists, and what it may write. */
class CustomerPlanTest {

    private static final Registration EAST = new Registration("east", "/subscriptions/x/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/east");
    private static final Registration WEST = new Registration("west", "/subscriptions/y/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/west");
    private static final CustomerAzureSubscriptions T1_WITH_S1 = new CustomerAzureSubscriptions(T1, List.of(S1),
            Map.of(S3, "suspended"));

    private static DesiredState desired(Optional<Manifest> manifest, List<Holdings> holdings) {
        return DesiredState.of(manifest, Optional.of(new PartnerCenterSnapshot(List.of(T1_WITH_S1), 1, 1, true,
                null)), holdings, List.of(EAST, WEST), Duration.ZERO, Instant.now()).orElseThrow();
    }

    @Test
    void readsTheCustomersSubscriptionsActiveOrNotAndWhatTheManifestPinsForItsTenantOnly() {
        Manifest manifest = new Manifest(List.of(new DesiredCustomer(S2, T1, List.of(EAST)),
                new DesiredCustomer("0d000000-0000-4000-8000-000000000000", T2, List.of(EAST))));
        assertEquals(List.of(S1, S3), CustomerPlan.entries(T1_WITH_S1, Optional.empty()));
        assertEquals(List.of(S1, S3, S2), CustomerPlan.entries(T1_WITH_S1, Optional.of(manifest)));
    }

    @Test
    void listsOnlyTheReadableRegistrationsWhereTheCustomersEntryIsMissing() {
        List<Holdings> found = List.of(Holdings.read(EAST, Map.of(S1, T1)), Holdings.read(WEST, Map.of()));
        assertEquals(List.of(WEST), CustomerPlan.toList(desired(Optional.empty(), found), found, T1));

        List<Holdings> unreadable = List.of(Holdings.read(EAST, Map.of(S1, T1)),
                Holdings.unreadable(WEST, new RegistrarException(503, "ServiceUnavailable", "down")));
        assertEquals(List.of(), CustomerPlan.toList(desired(Optional.empty(), unreadable), unreadable, T1));

        Manifest excluded = new Manifest(List.of(), Set.of(T1));
        assertEquals(List.of(), CustomerPlan.toList(desired(Optional.of(excluded), found), found, T1),
                "a tenant the operator excluded is expected nowhere");
    }

    @Test
    void writesOnlyTheCustomersAdditionsThatUnmapNothing() {
        // West, listed in full, holds T1's other subscription S2 (a PUT of S1 would unmap it) and T2's missing pin.
        Manifest manifest = new Manifest(List.of(new DesiredCustomer(S3, T2, List.of(EAST))));
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of()), Holdings.read(WEST, Map.of(S2, T1)));
        DriftComparison comparison = DriftComparison.of(Optional.of(desired(Optional.of(manifest), holdings)),
                holdings);

        assertEquals(List.of(new PlannedWrite(Kind.REGISTER, "east", S1, T1, null)),
                CustomerPlan.additions(comparison, T1));
    }
}
