package io.tributary.platform.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps platform principals ({@code group:NAME}, {@code user:NAME}) to the IAM roles that stand for
 * them in AWS: Lake Formation grants name these roles, and the Athena engine assumes the caller's.
 * One template, {@code arn:aws:iam::{account}:role/tributary-{kind}-{name}} by default, so the
 * roles Terraform creates and the ARNs the platform grants to can never drift apart.
 */
public final class PrincipalRoles {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9+=,.@_-]");
  private static final int MAX_ROLE_NAME = 64;

  private final String accountId;
  private final String template;

  /**
   * @param accountId the 12-digit AWS account id
   * @param template the role ARN with {@code {account}}, {@code {kind}} and {@code {name}}
   */
  public PrincipalRoles(String accountId, String template) {
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "tributary.aws.account-id must be a 12-digit AWS account id, not '" + accountId + "'");
    }
    Objects.requireNonNull(template, "template");
    if (!template.startsWith("arn:aws") || !template.contains("{name}")) {
      throw new IllegalArgumentException(
          "tributary.aws.principal-role-template must be an IAM role ARN containing {name}, not '"
              + template
              + "'");
    }
    this.accountId = accountId;
    this.template = template;
  }

  /** The account id the roles live in. */
  public String accountId() {
    return accountId;
  }

  /**
   * The role ARN of a principal written {@code group:NAME} or {@code user:NAME}.
   *
   * @throws IllegalArgumentException when the principal has neither prefix
   */
  public String roleArn(String principal) {
    int colon = principal.indexOf(':');
    String kind = colon < 0 ? "" : principal.substring(0, colon);
    if (!kind.equals("group") && !kind.equals("user")) {
      throw new IllegalArgumentException(
          "a principal is group:NAME or user:NAME, not '" + principal + "'");
    }
    return roleArn(kind, principal.substring(colon + 1));
  }

  /** The role ARN of a group. */
  public String groupRoleArn(String group) {
    return roleArn("group", group);
  }

  /** The role ARN of a user. */
  public String userRoleArn(String user) {
    return roleArn("user", user);
  }

  /**
   * The roles a caller may act through, most specific first: the user's own role, then one per
   * group in name order. The Athena engine assumes the first one IAM lets it.
   */
  public List<String> candidateRoles(String user, Collection<String> groups) {
    List<String> roles = new ArrayList<>();
    roles.add(userRoleArn(user));
    new TreeSet<>(groups).forEach(group -> roles.add(groupRoleArn(group)));
    return roles;
  }

  /** The role name part of an ARN this mapping made. */
  public static Optional<String> roleName(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(arn.substring(slash + 1));
  }

  private String roleArn(String kind, String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("a principal needs a name after '" + kind + ":'");
    }
    String safe = UNSAFE.matcher(name).replaceAll("-");
    String arn =
        template.replace("{account}", accountId).replace("{kind}", kind).replace("{name}", safe);
    String roleName = roleName(arn).orElse(arn);
    if (roleName.length() > MAX_ROLE_NAME) {
      throw new IllegalArgumentException(
          "the IAM role name for %s:%s would be %d characters, over IAM's %d: %s"
              .formatted(kind, name, roleName.length(), MAX_ROLE_NAME, roleName));
    }
    return arn;
  }
}
