package io.tributary.policies.trino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles the mesh's domains into Trino resource groups, as the rules compiler compiles their
 * grants into access rules: one group per domain under {@code global.domains}, a group for the
 * platform's own queries, and one for everyone else.
 *
 * <p>Selectors, first match wins:
 *
 * <ol>
 *   <li>the platform's service user, querying as itself, lands in {@code global.platform};
 *   <li>a query the platform runs for a caller (source {@value #PLATFORM_SOURCE}, client tag {@code
 *       tributary-domain:<domain>}) lands in the group of the product's domain, whoever the caller
 *       is;
 *   <li>a user of one of a domain's owner or member groups lands in that domain's group (a user of
 *       several domains in the first by name);
 *   <li>everyone else lands in {@code global.other}.
 * </ol>
 */
public final class ResourceGroups {
  /** The {@code source} the platform's data endpoint runs its queries with. */
  public static final String PLATFORM_SOURCE = "tributary-platform";

  /** The client tag naming the domain whose product a platform query reads. */
  public static final String DOMAIN_TAG_PREFIX = "tributary-domain:";

  public static final String ROOT = "global";
  public static final String PLATFORM_GROUP = "platform";
  public static final String DOMAINS_GROUP = "domains";
  public static final String OTHER_GROUP = "other";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOMAIN_NAME = Pattern.compile("[a-z][a-z0-9_]{1,62}");

  private final String serviceUser;
  private final ResourceGroupLimits cluster;
  private final ResourceGroupLimits platform;
  private final ResourceGroupLimits other;

  /**
   * @param serviceUser the user the platform queries as
   * @param cluster the limits of the root group: of everything the cluster runs
   * @param platform the limits of the platform's own queries (snapshot look-ups, probes)
   * @param other the limits of users of no domain
   */
  public ResourceGroups(
      String serviceUser,
      ResourceGroupLimits cluster,
      ResourceGroupLimits platform,
      ResourceGroupLimits other) {
    this.serviceUser = Objects.requireNonNull(serviceUser, "serviceUser");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.platform = Objects.requireNonNull(platform, "platform");
    this.other = Objects.requireNonNull(other, "other");
  }

  /** Defaults for a single-node cluster: ample for the platform, modest for outsiders. */
  public static ResourceGroups withDefaultLimits(String serviceUser) {
    return new ResourceGroups(
        serviceUser,
        new ResourceGroupLimits(100, 1000, "100%"),
        new ResourceGroupLimits(20, 200, "100%"),
        new ResourceGroupLimits(5, 50, "20%"));
  }

  /**
   * One domain's resource group.
   *
   * @param domain the domain's name
   * @param groups its owner and member groups, whose users' queries land in the domain's group
   * @param limits the limits its declaration sets
   */
  public record DomainGroup(String domain, List<String> groups, ResourceGroupLimits limits) {
    public DomainGroup {
      Objects.requireNonNull(domain, "domain");
      groups = List.copyOf(groups);
      Objects.requireNonNull(limits, "limits");
    }
  }

  /**
   * A resource group and its sub-groups.
   *
   * @param name the group's name within its parent
   */
  public record Group(String name, ResourceGroupLimits limits, List<Group> subGroups) {
    public Group {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(limits, "limits");
      subGroups = List.copyOf(subGroups);
    }
  }

  /**
   * A selector: every present condition must match; the first selector that matches picks the
   * group.
   *
   * @param group the dotted path of the group it selects, such as {@code global.domains.sales}
   * @param user a regular expression the session user must match
   * @param userGroup a regular expression one of the session user's groups must match
   * @param source a regular expression the query's source must match
   * @param clientTags tags the query must all carry
   */
  public record Selector(
      String group,
      Optional<String> user,
      Optional<String> userGroup,
      Optional<String> source,
      List<String> clientTags) {
    public Selector {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(userGroup, "userGroup");
      Objects.requireNonNull(source, "source");
      clientTags = List.copyOf(clientTags);
    }
  }

  /** A whole configuration: the root groups and the selectors in the order they are tried. */
  public record Configuration(List<Group> rootGroups, List<Selector> selectors) {
    public Configuration {
      rootGroups = List.copyOf(rootGroups);
      selectors = List.copyOf(selectors);
    }
  }

  /** The configuration before any domain exists. */
  public Configuration base() {
    return compile(List.of());
  }

  /** The configuration for these domains. */
  public Configuration compile(List<DomainGroup> domains) {
    List<DomainGroup> sorted =
        domains.stream().sorted(Comparator.comparing(DomainGroup::domain)).toList();
    List<Group> domainGroups = new ArrayList<>();
    for (DomainGroup domain : sorted) {
      if (!DOMAIN_NAME.matcher(domain.domain()).matches()) {
        throw new IllegalArgumentException(
            "'%s' cannot name a resource group: domain names are [a-z][a-z0-9_]{1,62}"
                .formatted(domain.domain()));
      }
      domainGroups.add(new Group(domain.domain(), domain.limits(), List.of()));
    }
    List<Group> children = new ArrayList<>();
    children.add(new Group(PLATFORM_GROUP, platform, List.of()));
    if (!domainGroups.isEmpty()) {
      // A parent of the domains only bounds them by the cluster's own limits.
      children.add(new Group(DOMAINS_GROUP, cluster, domainGroups));
    }
    children.add(new Group(OTHER_GROUP, other, List.of()));
    Group root = new Group(ROOT, cluster, children);

    List<Selector> selectors = new ArrayList<>();
    selectors.add(
        new Selector(
            path(PLATFORM_GROUP),
            Optional.of(exactly(serviceUser)),
            Optional.empty(),
            Optional.empty(),
            List.of()));
    for (DomainGroup domain : sorted) {
      selectors.add(
          new Selector(
              domainPath(domain.domain()),
              Optional.empty(),
              Optional.empty(),
              Optional.of(exactly(PLATFORM_SOURCE)),
              List.of(domainTag(domain.domain()))));
    }
    for (DomainGroup domain : sorted) {
      if (domain.groups().isEmpty()) {
        continue;
      }
      String anyGroup =
          domain.groups().stream()
              .sorted()
              .distinct()
              .map(ResourceGroups::quote)
              .collect(Collectors.joining("|", "(", ")"));
      selectors.add(
          new Selector(
              domainPath(domain.domain()),
              Optional.empty(),
              Optional.of(anyGroup),
              Optional.empty(),
              List.of()));
    }
    selectors.add(
        new Selector(
            path(OTHER_GROUP), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
    return new Configuration(List.of(root), selectors);
  }

  /** The client tag that routes a platform query reading this domain's product. */
  public static String domainTag(String domain) {
    return DOMAIN_TAG_PREFIX + domain;
  }

  /** The dotted path of a domain's group. */
  public static String domainPath(String domain) {
    return path(DOMAINS_GROUP, domain);
  }

  private static String path(String... names) {
    return Stream.concat(Stream.of(ROOT), Stream.of(names)).collect(Collectors.joining("."));
  }

  /** A regular expression matching exactly this text. */
  static String exactly(String text) {
    return quote(text);
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder();
    for (char character : text.toCharArray()) {
      if (!Character.isLetterOrDigit(character) && character != '_' && character != '-') {
        quoted.append('\\');
      }
      quoted.append(character);
    }
    return quoted.toString();
  }

  /**
   * The configuration in the JSON of Trino's {@code file} resource-group manager ({@code
   * resource-groups.config-file}), which Trino reads once, at its start.
   */
  public static ObjectNode toJson(Configuration configuration) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode groups = root.putArray("rootGroups");
    configuration.rootGroups().forEach(group -> groups.add(groupJson(group)));
    ArrayNode selectors = root.putArray("selectors");
    for (Selector selector : configuration.selectors()) {
      ObjectNode node = selectors.addObject();
      selector.user().ifPresent(user -> node.put("user", user));
      selector.userGroup().ifPresent(group -> node.put("userGroup", group));
      selector.source().ifPresent(source -> node.put("source", source));
      if (!selector.clientTags().isEmpty()) {
        ArrayNode tags = node.putArray("clientTags");
        selector.clientTags().forEach(tags::add);
      }
      node.put("group", selector.group());
    }
    return root;
  }

  private static ObjectNode groupJson(Group group) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", group.name());
    node.put("softMemoryLimit", group.limits().softMemoryLimit());
    node.put("hardConcurrencyLimit", group.limits().hardConcurrencyLimit());
    node.put("maxQueued", group.limits().maxQueued());
    if (!group.subGroups().isEmpty()) {
      ArrayNode children = node.putArray("subGroups");
      group.subGroups().forEach(child -> children.add(groupJson(child)));
    }
    return node;
  }
}
