package com.tenantregistrar.partnercenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.config.InvalidSettingException;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.registration.Guid;

import io.quarkus.runtime.Startup;

/**
 * Stops start-up on a half-configured Partner Center connection, naming the missing setting: a connection that
 * cannot work would otherwise show only as failed drift checks, and one meant but not turned on (a tenant or secret
 * without the client ID) would leave Partner Center silently unread. (Each value on its own, a concurrency or a
 * budget, is checked with every other setting by {@code config.SettingsCheck}.)
 */
@Startup
@ApplicationScoped
public class PartnerCenterSettingsCheck {

    @Inject
    public PartnerCenterSettingsCheck(RegistrarConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(String.join(System.lineSeparator(), problems));
        }
    }

    /** One line per problem, each naming the variable to set. */
    static List<String> problems(RegistrarConfig config) {
        RegistrarConfig.PartnerCenter settings = config.partnerCenter();
        List<String> problems = new ArrayList<>();
        Optional<String> clientId = present(settings.clientId());
        Optional<String> tenantId = present(settings.tenantId());
        boolean secret = present(settings.clientSecret()).isPresent();
        if (clientId.isEmpty()) {
            if (config.webhook().autoRegister()) {
                // The webhook finds the Azure subscriptions of an event's customer in Partner Center.
                problems.add("REGISTRAR_WEBHOOK_AUTO_REGISTER=true needs the Partner Center connection, to find the "
                        + "Azure subscriptions of an event's customer: set REGISTRAR_PARTNER_CENTER_CLIENT_ID and "
                        + "REGISTRAR_PARTNER_CENTER_TENANT_ID, or turn REGISTRAR_WEBHOOK_AUTO_REGISTER off");
            }
            if (tenantId.isPresent() || secret) {
                problems.add("REGISTRAR_PARTNER_CENTER_CLIENT_ID is missing: REGISTRAR_PARTNER_CENTER_"
                        + (tenantId.isPresent() ? "TENANT_ID" : "CLIENT_SECRET") + " is set, but Partner Center is "
                        + "read only with the client ID of the app registered in Partner Center (App management); "
                        + "set it, or remove the other REGISTRAR_PARTNER_CENTER_ settings");
            }
            return problems;
        }
        if (!Guid.isGuid(clientId.get())) {
            problems.add("REGISTRAR_PARTNER_CENTER_CLIENT_ID is invalid: '" + clientId.get() + "' is not a GUID; it is "
                    + "the application (client) ID of the app registered in Partner Center");
        }
        if (tenantId.isEmpty()) {
            problems.add("REGISTRAR_PARTNER_CENTER_TENANT_ID is missing: REGISTRAR_PARTNER_CENTER_CLIENT_ID is set, and "
                    + "its token is asked from the partner's own Entra tenant; set it to that tenant's ID");
        }
        if (settings.credential() == RegistrarConfig.PartnerCenterCredential.CLIENT_SECRET && !secret) {
            problems.add("REGISTRAR_PARTNER_CENTER_CLIENT_SECRET is missing: REGISTRAR_PARTNER_CENTER_CREDENTIAL is "
                    + "client-secret; set the secret (a Key Vault reference), or use managed-identity");
        }
        return problems;
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }
}
