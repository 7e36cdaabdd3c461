package io.tributary.platform.query;

/** A request parameter is malformed or does not fit the query it came with. */
public final class InvalidParameterException extends QueryException {
  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(message, null);
    this.parameter = parameter;
  }

  /** The query parameter at fault, as the client spelled its name ({@code limit}, {@code asOf}). */
  public String parameter() {
    return parameter;
  }
}
