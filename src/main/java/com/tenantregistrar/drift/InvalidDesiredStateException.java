package com.tenantregistrar.drift;

import com.tenantregistrar.error.RegistrarException;

/**
 * The desired-state manifest cannot be read or is malformed. The check stops: a manifest that cannot be trusted
 * never counts as "nobody should be registered".
 */
public class InvalidDesiredStateException extends RegistrarException {

    public InvalidDesiredStateException(String file, String problem) {
        super(500, "InvalidDesiredState", "The desired-state manifest " + file + " (REGISTRAR_DESIRED_STATE) "
                + problem + ". Nothing was checked or changed; fix the file.");
    }
}
