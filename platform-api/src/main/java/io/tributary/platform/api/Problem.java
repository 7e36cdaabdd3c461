package io.tributary.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String errorId,
    List<PlatformException.FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
}
