package io.omnihub.sandbox.sim;

/** A simulator's answer: HTTP status and JSON text. */
public record SimResponse(int status, String json) {

    public static SimResponse ok(String json) {
        return new SimResponse(200, json);
    }
}
