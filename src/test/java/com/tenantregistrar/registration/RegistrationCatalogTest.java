package com.tenantregistrar.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.config.InvalidSettingException;
import com.tenantregistrar.error.UnknownRegistrationException;

/** Parsing of REGISTRAR_REGISTRATIONS; {@code PackagedAppIT} shows a bad value stopping the app. */
class RegistrationCatalogTest {

    private static final String ID = "/subscriptions/DD8597B4-8739-4467-8B10-F8679F62BFBF/resourceGroups/azurestack"
            + "/providers/Microsoft.AzureStack/registrations/azurestack-cloud1";
    private static final String ID2 = "/subscriptions/5f0a1c2e-9b8d-4e7f-a6c5-b4d3e2f1a0b9/resourceGroups/rg2"
            + "/providers/microsoft.azurestack/registrations/azurestack-cloud2";

    @Test
    void readsAliasesAndBareIds() {
        List<Registration> parsed = RegistrationCatalog.parse(" east=" + ID + " , " + ID2 + ",");
        assertEquals(List.of(
                new Registration("east", "/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/azurestack"
                        + "/providers/Microsoft.AzureStack/registrations/azurestack-cloud1"),
                new Registration("azurestack-cloud2", "/subscriptions/5f0a1c2e-9b8d-4e7f-a6c5-b4d3e2f1a0b9"
                        + "/resourceGroups/rg2/providers/Microsoft.AzureStack/registrations/azurestack-cloud2")),
                parsed);
    }

    @Test
    void aliasesAreCaseInsensitiveAndUnknownOnesAreNamed() {
        RegistrationCatalog catalog = new RegistrationCatalog(RegistrationCatalog.parse("East=" + ID));
        assertEquals("East", catalog.byAlias("EAST").alias());
        UnknownRegistrationException e = assertThrows(UnknownRegistrationException.class,
                () -> catalog.byAlias("west"));
        assertTrue(e.getMessage().contains("'west'") && e.getMessage().contains("East"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                   | no registration is configured",
            "' , '                                                | no registration is configured",
            "east=/subscriptions/x/resourceGroups                  | not an ARM resource ID",
            "east=not-an-id                                        | not an ARM resource ID",
            "east=/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm | not the resource ID of a Microsoft.AzureStack/registrations resource",
            "east=" + ID + "/customerSubscriptions/e09a4e93-29a7-4eba-a6d4-76202383f07f | not the resource ID of a Microsoft.AzureStack/registrations resource",
            "east=/subscriptions/my-sub/resourceGroups/rg/providers/Microsoft.AzureStack/registrations/r | which is not a GUID",
            "east=" + ID + ",EAST=" + ID2 + "                      | the alias 'EAST' is used twice",
            "a=" + ID + ",b=" + ID + "                             | is listed twice",
            "'bad alias=" + ID + "'                                | the alias 'bad alias' must be" })
    void misconfigurationsNameTheSettingAndWhatIsWrong(String value, String problem) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RegistrationCatalog.parse(value));
        assertTrue(e.getMessage().startsWith("REGISTRAR_REGISTRATIONS is invalid: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aStarAloneSelectsEveryRegistrationAndNothingElseDoes() {
        RegistrationCatalog catalog = new RegistrationCatalog(RegistrationCatalog.parse("east=" + ID + "," + ID2));
        assertEquals(catalog.all(), catalog.select(List.of("*")));
        assertEquals(List.of(catalog.byAlias("east")), catalog.select(List.of("east", "EAST")));
        InvalidRequestException empty = assertThrows(InvalidRequestException.class, () -> catalog.select(List.of()));
        assertTrue(empty.getMessage().contains("east, azurestack-cloud2"), empty.getMessage());
        assertThrows(InvalidRequestException.class, () -> catalog.select(List.of("*", "east")));
        assertThrows(UnknownRegistrationException.class, () -> catalog.select(List.of("*east")));
    }
}
