package io.clickmap.capture.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The error body capture answers with, in PostHog's shape (Django REST framework's type, code, detail, attr). */
@JsonPropertyOrder({"type", "code", "detail", "attr"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaptureError(String type, String code, String detail, String attr) {
}
