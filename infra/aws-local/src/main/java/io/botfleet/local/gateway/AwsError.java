package io.botfleet.local.gateway;

/** The errors the gateway answers itself instead of the emulators, each rendered in its service's protocol. */
enum AwsError {
    ACCESS_DENIED,
    UNRECOGNIZED_CLIENT,
    INTERNAL_ERROR,
    MESSAGE_TOO_LONG,
    BATCH_TOO_LONG,
    INVALID_PARAMETER
}
