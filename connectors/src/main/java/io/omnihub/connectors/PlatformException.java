package io.omnihub.connectors;

/**
 * A platform answered with an error, or could not be reached. {@link #kind()} is what the caller
 * does about it: back off and retry, stop the instance, or park the request with the reason.
 */
public class PlatformException extends RuntimeException {

    public enum Kind {
        /** the platform's rate limit or "system busy": wait {@link #retryAfterSeconds()} and retry */
        THROTTLED,
        /** 5xx, timeouts, connection refused: retry with backoff */
        TRANSIENT,
        /** bad app key, secret, session or token: retrying cannot help; stop and tell a person */
        AUTHENTICATION,
        /** the request itself is wrong (unknown SKU, invalid value): park it with the reason */
        PERMANENT
    }

    private final Kind kind;
    private final String platform;
    private final String code;
    private final long retryAfterSeconds;

    public PlatformException(String platform, Kind kind, String code, String message, long retryAfterSeconds) {
        super(platform + " " + kind.name().toLowerCase() + " error " + code + ": " + message);
        this.platform = platform;
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public PlatformException(String platform, String message, Throwable cause) {
        super(platform + " transient error: " + message, cause);
        this.platform = platform;
        this.kind = Kind.TRANSIENT;
        this.code = "io";
        this.retryAfterSeconds = 0;
    }

    public Kind kind() {
        return kind;
    }

    public String platform() {
        return platform;
    }

    /** The platform's own error code (Taobao "7", JD "19", Douyin "40004", or "http-503"). */
    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean isRetryable() {
        return kind == Kind.THROTTLED || kind == Kind.TRANSIENT;
    }
}
