package io.tributary.platform.query.athena;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.query.EngineFailureException;
import io.tributary.platform.query.QueryDeniedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The caller's AWS session: the first of their candidate roles ({@link
 * PrincipalRoles#candidateRoles}: their own, then one per group) that STS lets the platform assume,
 * with the user as {@code SourceIdentity} and session tags naming the user and their groups, so
 * CloudTrail and Lake Formation's audit show who read. Credentials are reused per role, user and
 * groups until shortly before they expire.
 */
final class CallerSessions {
  static final String USER_TAG = "tributary:user";
  static final String GROUPS_TAG = "tributary:groups";

  /** STS's length limits: session names and source identities 2–64, tag values 256. */
  private static final int MAXIMUM_NAME = 64;

  private static final int MAXIMUM_TAG_VALUE = 256;

  /** What {@code RoleSessionName} and {@code SourceIdentity} allow: {@code [\w+=,.@-]}. */
  private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9_+=,.@-]");

  /** What a session tag value allows: letters, spaces, digits and {@code _.:/=+-@}. */
  private static final Pattern NOT_IN_TAG = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_./=+@-]");

  /** Credentials are replaced this long before they expire, so no query starts on stale ones. */
  private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** One assumed role's credentials, and the role they act as. */
  record Session(String roleArn, AwsSessionCredentials credentials, Instant expiration) {}

  private final StsClient sts;
  private final PrincipalRoles roles;
  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  CallerSessions(StsClient sts, PrincipalRoles roles, Clock clock) {
    this.sts = sts;
    this.roles = roles;
    this.clock = clock;
  }

  /**
   * The caller's session.
   *
   * @throws QueryDeniedException when STS lets the platform assume none of the caller's roles
   * @throws EngineFailureException when STS fails otherwise
   */
  Session assume(String user, Collection<String> groups) {
    List<String> candidates;
    try {
      candidates = roles.candidateRoles(user, groups);
    } catch (IllegalArgumentException noRole) {
      throw new QueryDeniedException(
          "User '%s' has no IAM role to read as: %s".formatted(user, noRole.getMessage()), noRole);
    }
    String groupsTag = groupsTag(groups);
    // A live session of any candidate first: roles STS refused are not asked again each read.
    for (String roleArn : candidates) {
      Session cached = sessions.get(key(roleArn, user, groupsTag));
      if (cached != null
          && clock.instant().isBefore(cached.expiration().minus(RENEW_BEFORE_EXPIRY))) {
        return cached;
      }
    }
    List<String> refused = new ArrayList<>();
    for (String roleArn : candidates) {
      String key = key(roleArn, user, groupsTag);
      try {
        Session session = assumeRole(roleArn, user, groupsTag);
        sessions.put(key, session);
        return session;
      } catch (StsException failure) {
        if (!isAccessDenied(failure)) {
          throw new EngineFailureException(
              "STS failed to assume %s for user '%s': %s"
                  .formatted(roleArn, user, AthenaErrors.awsMessage(failure)),
              failure);
        }
        sessions.remove(key);
        refused.add(roleArn);
      } catch (SdkException failure) {
        throw new EngineFailureException(
            "STS failed to assume %s for user '%s': %s"
                .formatted(roleArn, user, failure.getMessage()),
            failure);
      }
    }
    throw new QueryDeniedException(
        "User '%s' may not read through Athena: STS let the platform assume none of their roles (%s)"
            .formatted(user, String.join(", ", refused)),
        null);
  }

  private static String key(String roleArn, String user, String groupsTag) {
    return roleArn + "\n" + user + "\n" + groupsTag;
  }

  private Session assumeRole(String roleArn, String user, String groupsTag) {
    String name = sessionName(user);
    Credentials credentials =
        sts.assumeRole(
                AssumeRoleRequest.builder()
                    .roleArn(roleArn)
                    .roleSessionName(name)
                    .sourceIdentity(name)
                    .tags(
                        Tag.builder().key(USER_TAG).value(tagValue(user)).build(),
                        Tag.builder().key(GROUPS_TAG).value(groupsTag).build())
                    // Roles the session chains into keep saying who reads.
                    .transitiveTagKeys(USER_TAG, GROUPS_TAG)
                    .build())
            .credentials();
    return new Session(
        roleArn,
        AwsSessionCredentials.builder()
            .accessKeyId(credentials.accessKeyId())
            .secretAccessKey(credentials.secretAccessKey())
            .sessionToken(credentials.sessionToken())
            .expirationTime(credentials.expiration())
            .build(),
        credentials.expiration());
  }

  private static boolean isAccessDenied(StsException failure) {
    return failure.awsErrorDetails() != null
        && "AccessDenied".equals(failure.awsErrorDetails().errorCode());
  }

  /**
   * The user as STS takes a session name and source identity: characters outside {@code [\w+=,.@-]}
   * become {@code -}, at most 64 characters, at least 2.
   */
  static String sessionName(String user) {
    String name = NOT_IN_NAME.matcher(user).replaceAll("-");
    if (name.length() > MAXIMUM_NAME) {
      name = name.substring(0, MAXIMUM_NAME);
    }
    return name.length() < 2 ? (name + "--").substring(0, 2) : name;
  }

  /**
   * The groups as one tag value: sorted, each between colons ({@code :analysts:finance:}), so an
   * IAM condition {@code StringLike "*:finance:*"} matches one whole group. A comma (the natural
   * separator) is not a character session tags allow. Cut to STS's 256 characters at a group
   * boundary, never inside a name that could then match another group.
   */
  static String groupsTag(Collection<String> groups) {
    StringBuilder value = new StringBuilder(":");
    for (String group : new TreeSet<>(groups)) {
      String safe = NOT_IN_TAG.matcher(group).replaceAll("_");
      if (value.length() + safe.length() + 1 > MAXIMUM_TAG_VALUE) {
        break;
      }
      value.append(safe).append(':');
    }
    return value.length() == 1 ? "" : value.toString();
  }

  static String tagValue(String text) {
    String safe = NOT_IN_TAG.matcher(text).replaceAll("_");
    return safe.length() > MAXIMUM_TAG_VALUE ? safe.substring(0, MAXIMUM_TAG_VALUE) : safe;
  }
}
