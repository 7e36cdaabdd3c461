package io.tributary.platform.registry;

/**
 * Who makes a change and from which request; every state change is audited with both.
 *
 * @param user the authenticated user (the token's subject)
 * @param requestId the id of the API request, so the audit trail joins the request log
 */
public record Actor(String user, String requestId) {
  public Actor {
    Names.requireText(user, "user");
    Names.requireText(requestId, "requestId");
  }
}
