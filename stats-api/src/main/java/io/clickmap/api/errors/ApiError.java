package io.clickmap.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The error body every failure answers with, in the shape of Django REST framework (PostHog). */
@JsonPropertyOrder({"type", "code", "detail", "attr"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String type, String code, String detail, String attr) {
}
