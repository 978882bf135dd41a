package io.clickmap.event;

/** Why a message can never be stored: a stable code for machines and a sentence for people. */
public record Rejection(Code code, String reason) {

    public enum Code {
        INVALID_JSON("invalid_json"),
        MISSING_FIELD("missing_field"),
        INVALID_FIELD("invalid_field"),
        UNKNOWN_ENVIRONMENT("unknown_environment"),
        TOO_LARGE("too_large");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The word written to the dead-letter topic's {@code error_code} header and to metrics. */
        public String wireName() {
            return wireName;
        }
    }
}
