package io.botfleet.local.gateway;

import java.util.Map;

/** A complete HTTP answer the gateway gives without forwarding. */
record ErrorResponse(int status, String contentType, Map<String, String> headers, byte[] body) {}
