package com.tenantregistrar.storage;

import java.time.Duration;

import com.azure.core.exception.HttpResponseException;

import com.tenantregistrar.error.RegistrarException;

/**
 * The app's state storage cannot serve a call: it is not configured ({@code StateStorageNotConfigured}), or it did
 * not answer, or failed, after azure-core's retries ({@code StateStorageUnavailable}). Either is a 503 for the
 * function that needs the storage; the functions that do not go on as before.
 */
public class StateStorageException extends RegistrarException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private StateStorageException(String code, String message, Duration retryAfter, Throwable cause) {
        super(503, code, message, retryAfter, null, cause);
    }

    /** No storage account is set ({@code why}, such as what is missing): the feature that needs it is off. */
    public static StateStorageException notConfigured(String why) {
        return new StateStorageException("StateStorageNotConfigured", "This needs the app's storage account, and "
                + "none is set (" + why + "): set AzureWebJobsStorage (or AzureWebJobsStorage__accountName) in the "
                + "app settings.", null, null);
    }

    /**
     * The account did not answer or failed. The cause is kept for the log, not told to the caller: a storage
     * client's message can quote the request, and a connection string holds the account key.
     */
    public static StateStorageException unavailable(String what, Throwable cause) {
        return new StateStorageException("StateStorageUnavailable", refused(cause)
                ? "The app's storage account refused the app's credential while " + what + ": give the app's "
                        + "managed identity Storage Table Data Contributor and Storage Blob Data Contributor on the "
                        + "account, or check the key in AzureWebJobsStorage."
                : "The app's storage account could not be reached or failed while " + what + "; try again later.",
                RETRY_AFTER, cause);
    }

    /** Whether the account answered 401 or 403: not a passing failure, but an identity (or key) it does not take. */
    private static boolean refused(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException answered && answered.getResponse() != null
                    && (answered.getResponse().getStatusCode() == 401 || answered.getResponse().getStatusCode() == 403)) {
                return true;
            }
        }
        return false;
    }
}
