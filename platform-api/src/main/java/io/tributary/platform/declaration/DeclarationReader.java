package io.tributary.platform.declaration;

import static io.tributary.platform.declaration.JsonPointers.field;
import static io.tributary.platform.declaration.JsonPointers.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.platform.declaration.ColumnType.PrimitiveKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.transforms.Transforms;
import org.apache.iceberg.types.Type;

/**
 * Reads one document tree into a declaration, collecting every problem instead of stopping at the
 * first. Each method returns {@code null} for a part it could not read (having reported why); the
 * declaration record is only built when nothing was reported. One instance per document.
 */
final class DeclarationReader {

  private static final Pattern AWS_ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  private static final int MAXIMUM_CONCURRENT_QUERIES = 1_000;
  private static final int MAXIMUM_QUEUED_QUERIES = 10_000;

  /** Trino's resource groups take a percentage of the cluster's memory or an airlift data size. */
  private static final Pattern MEMORY_SHARE = Pattern.compile("([0-9]{1,3})%");

  private static final Pattern MEMORY_SIZE = Pattern.compile("[1-9][0-9]{0,5}(B|kB|MB|GB|TB)");

  private final String root;
  private final List<Problem> problems = new ArrayList<>();

  /**
   * @param root the pointer prefix of this document: empty for a single document, {@code /N} for
   *     the N-th document of a stream
   */
  DeclarationReader(String root) {
    this.root = root;
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** The declaration, or null when there were problems. */
  Declaration read(JsonNode document) {
    Fields top = object(document, root, "apiVersion", "kind", "metadata", "spec");
    if (top == null) {
      return null;
    }
    String apiVersion = top.requiredText("apiVersion");
    if (apiVersion != null && !apiVersion.equals(Declaration.API_VERSION)) {
      problem(
          top.pointer("apiVersion"),
          "apiVersion '" + apiVersion + "' is not supported; expected " + Declaration.API_VERSION);
    }
    String kind = top.requiredText("kind");
    if (kind == null) {
      return null;
    }
    Declaration declaration =
        switch (kind) {
          case Domain.KIND -> readDomain(top);
          case DataProduct.KIND -> readDataProduct(top);
          default -> {
            problem(
                top.pointer("kind"),
                "kind '" + kind + "' is unknown; expected Domain or DataProduct");
            yield null;
          }
        };
    return problems.isEmpty() ? declaration : null;
  }

  // ---------------------------------------------------------------- Domain

  private Domain readDomain(Fields top) {
    Domain.Metadata metadata = null;
    Fields metadataFields = top.requiredObject("metadata", "name", "title", "description");
    if (metadataFields != null) {
      String name = metadataFields.requiredText("name");
      checkDomainOrProductName(metadataFields.pointer("name"), name, "domain");
      metadata =
          new Domain.Metadata(
              name,
              metadataFields.optionalText("title"),
              metadataFields.optionalText("description"));
    }
    Domain.Spec spec = null;
    Fields specFields = top.requiredObject("spec", "owners", "members", "costs", "aws");
    if (specFields != null) {
      List<String> owners =
          specFields.textList("owners", true, true, Names.IDENTITY, "an OIDC group name");
      List<String> members =
          specFields.textList("members", false, false, Names.IDENTITY, "an OIDC group name");
      Domain.Costs costs = readCosts(specFields);
      Optional<Domain.AwsAccount> aws = readAws(specFields);
      spec =
          owners == null || members == null || costs == null || aws == null
              ? null
              : new Domain.Spec(owners, members, costs, aws);
    }
    return metadata == null || spec == null ? null : new Domain(metadata, spec);
  }

  private Domain.Costs readCosts(Fields spec) {
    Fields costs =
        spec.requiredObject("costs", "monthlyBudgetUsd", "maxBytesScannedPerQuery", "trino");
    if (costs == null) {
      return null;
    }
    BigDecimal budget = costs.requiredNumber("monthlyBudgetUsd");
    if (budget != null && budget.signum() <= 0) {
      problem(
          costs.pointer("monthlyBudgetUsd"),
          "monthlyBudgetUsd must be positive, got " + budget.toPlainString());
    }
    Long maxBytes = costs.requiredWholeNumber("maxBytesScannedPerQuery");
    if (maxBytes != null && maxBytes <= 0) {
      problem(
          costs.pointer("maxBytesScannedPerQuery"),
          "maxBytesScannedPerQuery must be positive, got " + maxBytes);
    }
    Domain.TrinoLimits trino = readTrinoLimits(costs);
    return budget == null || maxBytes == null || trino == null
        ? null
        : new Domain.Costs(budget, maxBytes, trino);
  }

  /** The domain's Trino resource group limits; each absent field takes its default. */
  private Domain.TrinoLimits readTrinoLimits(Fields costs) {
    if (!costs.has("trino")) {
      return Domain.TrinoLimits.DEFAULTS;
    }
    Fields trino =
        costs.requiredObject(
            "trino", "maxConcurrentQueries", "maxQueuedQueries", "softMemoryLimit");
    if (trino == null) {
      return null;
    }
    Long concurrent =
        trino.has("maxConcurrentQueries")
            ? trino.requiredWholeNumber("maxConcurrentQueries")
            : Long.valueOf(Domain.TrinoLimits.DEFAULT_MAX_CONCURRENT_QUERIES);
    if (concurrent != null && (concurrent < 1 || concurrent > MAXIMUM_CONCURRENT_QUERIES)) {
      problem(
          trino.pointer("maxConcurrentQueries"),
          "maxConcurrentQueries must be from 1 to %d, got %d"
              .formatted(MAXIMUM_CONCURRENT_QUERIES, concurrent));
      concurrent = null;
    }
    Long queued =
        trino.has("maxQueuedQueries")
            ? trino.requiredWholeNumber("maxQueuedQueries")
            : Long.valueOf(Domain.TrinoLimits.DEFAULT_MAX_QUEUED_QUERIES);
    if (queued != null && (queued < 0 || queued > MAXIMUM_QUEUED_QUERIES)) {
      problem(
          trino.pointer("maxQueuedQueries"),
          "maxQueuedQueries must be from 0 to %d, got %d"
              .formatted(MAXIMUM_QUEUED_QUERIES, queued));
      queued = null;
    }
    String memory =
        trino.has("softMemoryLimit")
            ? trino.requiredText("softMemoryLimit")
            : Domain.TrinoLimits.DEFAULT_SOFT_MEMORY_LIMIT;
    if (memory != null && !isMemoryLimit(memory)) {
      problem(
          trino.pointer("softMemoryLimit"),
          "softMemoryLimit '%s' is neither a share of the cluster from 1%% to 100%% (such as 20%%)"
                  .formatted(memory)
              + " nor a size such as 512MB or 4GB");
      memory = null;
    }
    return concurrent == null || queued == null || memory == null
        ? null
        : new Domain.TrinoLimits(concurrent.intValue(), queued.intValue(), memory);
  }

  private static boolean isMemoryLimit(String text) {
    Matcher share = MEMORY_SHARE.matcher(text);
    if (share.matches()) {
      int percent = Integer.parseInt(share.group(1));
      return percent >= 1 && percent <= 100;
    }
    return MEMORY_SIZE.matcher(text).matches();
  }

  private Optional<Domain.AwsAccount> readAws(Fields spec) {
    if (!spec.has("aws")) {
      return Optional.empty();
    }
    Fields aws = spec.requiredObject("aws", "accountId", "region");
    if (aws == null) {
      return null;
    }
    String accountId = aws.requiredText("accountId");
    if (accountId != null && !AWS_ACCOUNT_ID.matcher(accountId).matches()) {
      problem(aws.pointer("accountId"), "AWS account id '" + accountId + "' must be twelve digits");
    }
    String region = aws.requiredText("region");
    if (region != null && !AWS_REGION.matcher(region).matches()) {
      problem(
          aws.pointer("region"), "'" + region + "' is not an AWS region name such as eu-west-1");
    }
    return accountId == null || region == null
        ? null
        : Optional.of(new Domain.AwsAccount(accountId, region));
  }

  // ---------------------------------------------------------------- DataProduct

  private DataProduct readDataProduct(Fields top) {
    DataProduct.Metadata metadata = readProductMetadata(top);
    Fields spec = top.requiredObject("spec", "zone", "table", "access", "sla", "quality", "source");
    if (spec == null) {
      return null;
    }
    Zone zone = spec.requiredEnum("zone", Zone.values(), Zone::declaredName, "zone");
    ColumnCatalog columns = new ColumnCatalog();
    Table table = readTable(spec, columns);
    Access access = readAccess(spec, columns);
    Optional<Sla> sla = readSla(spec);
    List<QualityCheck> quality = readQuality(spec, columns);
    Source source = readSource(spec, metadata, table);
    if (metadata == null
        || zone == null
        || table == null
        || access == null
        || sla == null
        || quality == null
        || source == null) {
      return null;
    }
    return new DataProduct(
        metadata, new DataProduct.Spec(zone, table, access, sla, quality, source));
  }

  private DataProduct.Metadata readProductMetadata(Fields top) {
    Fields metadata =
        top.requiredObject(
            "metadata", "domain", "name", "version", "title", "description", "owners", "tags");
    if (metadata == null) {
      return null;
    }
    String domain = metadata.requiredText("domain");
    checkDomainOrProductName(metadata.pointer("domain"), domain, "domain");
    String name = metadata.requiredText("name");
    checkDomainOrProductName(metadata.pointer("name"), name, "product");
    SemanticVersion version = null;
    String versionText = metadata.requiredText("version");
    if (versionText != null) {
      try {
        version = SemanticVersion.parse(versionText);
      } catch (IllegalArgumentException malformed) {
        problem(metadata.pointer("version"), malformed.getMessage());
      }
    }
    Optional<String> title = metadata.optionalText("title");
    Optional<String> description = metadata.optionalText("description");
    List<String> owners =
        metadata.textList("owners", false, false, Names.IDENTITY, "an OIDC group name");
    List<String> tags = metadata.textList("tags", false, false, Names.TAG, "a tag");
    if (domain == null
        || name == null
        || version == null
        || owners == null
        || tags == null
        || problemsUnder(metadata.pointer)) {
      return null;
    }
    return new DataProduct.Metadata(domain, name, version, title, description, owners, tags);
  }

  /**
   * What is known about the declared columns, gathered before the parts that refer to them are
   * read. A column whose type could not be read still counts as declared, so one bad type does not
   * also make every reference to that column a problem.
   */
  private static final class ColumnCatalog {
    final Map<String, ColumnType> typesByName = new HashMap<>();
    final Map<String, Boolean> requiredByName = new HashMap<>();
    final Set<String> names = new HashSet<>();
    boolean complete = true;

    boolean declares(String name) {
      return names.contains(name);
    }
  }

  private Table readTable(Fields spec, ColumnCatalog catalog) {
    Fields table =
        spec.requiredObject(
            "table", "columns", "primaryKey", "partitioning", "sortOrder", "properties");
    if (table == null) {
      catalog.complete = false;
      return null;
    }
    List<Column> columns = readColumns(table, catalog);
    List<String> primaryKey = readPrimaryKey(table, catalog);
    List<PartitionField> partitioning = readPartitioning(table, catalog);
    List<SortField> sortOrder = readSortOrder(table, catalog);
    Map<String, String> properties = readProperties(table);
    if (columns == null
        || primaryKey == null
        || partitioning == null
        || sortOrder == null
        || properties == null
        || problemsUnder(table.pointer)) {
      return null;
    }
    Table result = new Table(columns, primaryKey, partitioning, sortOrder, properties);
    checkWithIceberg(table, result);
    return result;
  }

  private List<Column> readColumns(Fields table, ColumnCatalog catalog) {
    List<JsonNode> elements = table.requiredArray("columns");
    if (elements == null) {
      catalog.complete = false;
      return null;
    }
    String columnsPointer = table.pointer("columns");
    if (elements.isEmpty()) {
      problem(columnsPointer, "a table needs at least one column");
      // Every reference to a column would be a problem too; the one above says it all.
      catalog.complete = false;
      return null;
    }
    List<Column> columns = new ArrayList<>();
    Map<String, String> firstPointerByName = new HashMap<>();
    boolean allRead = true;
    for (int position = 0; position < elements.size(); position++) {
      String pointer = index(columnsPointer, position);
      Fields column =
          object(
              elements.get(position),
              pointer,
              "name",
              "type",
              "required",
              "description",
              "classification");
      if (column == null) {
        allRead = false;
        catalog.complete = false;
        continue;
      }
      String name = column.requiredText("name");
      if (name != null) {
        if (!Names.isColumnName(name)) {
          problem(
              column.pointer("name"),
              "column name '"
                  + name
                  + "' must be lower case letters, digits and underscores matching "
                  + Names.COLUMN.pattern());
        }
        String earlier = firstPointerByName.putIfAbsent(name, pointer);
        if (earlier != null) {
          problem(
              column.pointer("name"),
              "column '" + name + "' is declared twice; it is first declared at " + earlier);
        }
        catalog.names.add(name);
      }
      ColumnType type = null;
      String typeText = column.requiredText("type");
      if (typeText != null) {
        try {
          type = ColumnType.parse(typeText);
        } catch (IllegalArgumentException unknown) {
          problem(column.pointer("type"), unknown.getMessage());
        }
      }
      Boolean required = column.optionalBoolean("required");
      Optional<String> description = column.optionalText("description");
      Optional<String> classification = column.optionalText("classification");
      classification
          .filter(label -> !Names.TAG.matcher(label).matches())
          .ifPresent(
              label ->
                  problem(
                      column.pointer("classification"),
                      "classification '"
                          + label
                          + "' must be lower case and match "
                          + Names.TAG.pattern()));
      if (name == null || type == null || required == null) {
        allRead = false;
        catalog.complete = false;
        continue;
      }
      if (!catalog.typesByName.containsKey(name)) {
        catalog.typesByName.put(name, type);
        catalog.requiredByName.put(name, required);
      }
      columns.add(new Column(name, type, required, description, classification));
    }
    return allRead ? columns : null;
  }

  private List<String> readPrimaryKey(Fields table, ColumnCatalog catalog) {
    List<String> primaryKey =
        table.textList("primaryKey", false, false, Names.COLUMN, "a column name");
    if (primaryKey == null) {
      return null;
    }
    boolean valid = true;
    for (int position = 0; position < primaryKey.size(); position++) {
      String column = primaryKey.get(position);
      String pointer = index(table.pointer("primaryKey"), position);
      if (!catalog.declares(column)) {
        valid &= reportMissingColumn(catalog, pointer, "primary key column '" + column + "'");
        continue;
      }
      ColumnType type = catalog.typesByName.get(column);
      if (type == null) {
        continue;
      }
      if (type.isNested()) {
        problem(
            pointer,
            "primary key column '"
                + column
                + "' has the nested type "
                + type
                + "; a primary key column must have a primitive type");
        valid = false;
      } else if (type.equals(ColumnType.of(PrimitiveKind.FLOAT))
          || type.equals(ColumnType.of(PrimitiveKind.DOUBLE))) {
        problem(
            pointer,
            "primary key column '"
                + column
                + "' has the type "
                + type
                + "; Iceberg identifier fields cannot be float or double");
        valid = false;
      } else if (!catalog.requiredByName.get(column)) {
        problem(
            pointer,
            "primary key column '"
                + column
                + "' is optional; a primary key column must be required (add required: true)");
        valid = false;
      }
    }
    return valid ? primaryKey : null;
  }

  private List<PartitionField> readPartitioning(Fields table, ColumnCatalog catalog) {
    List<String> texts = table.textList("partitioning", false, false, null, null);
    if (texts == null) {
      return null;
    }
    List<PartitionField> fields = new ArrayList<>();
    boolean valid = true;
    for (int position = 0; position < texts.size(); position++) {
      String text = texts.get(position);
      String pointer = index(table.pointer("partitioning"), position);
      PartitionField partitionField;
      try {
        partitionField = PartitionField.parse(text);
      } catch (IllegalArgumentException malformed) {
        problem(pointer, malformed.getMessage());
        valid = false;
        continue;
      }
      String column = partitionField.column();
      if (!catalog.declares(column)) {
        valid &=
            reportMissingColumn(
                catalog,
                pointer,
                "partition field '" + text + "' names column '" + column + "', which");
        continue;
      }
      if (fields.contains(partitionField)) {
        problem(pointer, "partition field '" + partitionField + "' is declared twice");
        valid = false;
        continue;
      }
      ColumnType type = catalog.typesByName.get(column);
      if (type != null) {
        if (type.isNested()) {
          problem(
              pointer,
              "partition field '"
                  + text
                  + "' names column '"
                  + column
                  + "' of the nested type "
                  + type
                  + "; only primitive columns can be partitioned on");
          valid = false;
          continue;
        }
        Type icebergType = IcebergMapping.toIcebergType(type);
        if (!Transforms.fromString(partitionField.icebergTransform()).canTransform(icebergType)) {
          problem(
              pointer,
              partitionField.transform().declaredName()
                  + " cannot be applied to column '"
                  + column
                  + "' of type "
                  + type
                  + allowedTypesFor(partitionField.transform()));
          valid = false;
          continue;
        }
      }
      fields.add(partitionField);
    }
    return valid ? fields : null;
  }

  private static String allowedTypesFor(PartitionTransform transform) {
    return switch (transform) {
      case YEAR, MONTH, DAY -> "; it needs a date, timestamp or timestamptz";
      case HOUR -> "; it needs a timestamp or timestamptz";
      case TRUNCATE -> "; it needs an int, long, decimal, string or binary";
      case BUCKET -> "; it cannot bucket boolean, float or double";
      case IDENTITY -> "";
    };
  }

  private List<SortField> readSortOrder(Fields table, ColumnCatalog catalog) {
    List<String> texts = table.textList("sortOrder", false, false, null, null);
    if (texts == null) {
      return null;
    }
    List<SortField> fields = new ArrayList<>();
    Set<String> sortedColumns = new HashSet<>();
    boolean valid = true;
    for (int position = 0; position < texts.size(); position++) {
      String text = texts.get(position);
      String pointer = index(table.pointer("sortOrder"), position);
      SortField sortField;
      try {
        sortField = SortField.parse(text);
      } catch (IllegalArgumentException malformed) {
        problem(pointer, malformed.getMessage());
        valid = false;
        continue;
      }
      String column = sortField.column();
      if (!catalog.declares(column)) {
        valid &=
            reportMissingColumn(
                catalog, pointer, "sort key '" + text + "' names column '" + column + "', which");
        continue;
      }
      if (!sortedColumns.add(column)) {
        problem(pointer, "sort key '" + text + "' sorts by column '" + column + "' a second time");
        valid = false;
        continue;
      }
      ColumnType type = catalog.typesByName.get(column);
      if (type != null && type.isNested()) {
        problem(
            pointer,
            "sort key '"
                + text
                + "' names column '"
                + column
                + "' of the nested type "
                + type
                + "; only primitive columns can be sorted by");
        valid = false;
        continue;
      }
      fields.add(sortField);
    }
    return valid ? fields : null;
  }

  private Map<String, String> readProperties(Fields table) {
    if (!table.has("properties")) {
      return Map.of();
    }
    Fields properties = table.requiredObject("properties", (String[]) null);
    if (properties == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean valid = true;
    for (Map.Entry<String, JsonNode> property : properties.node.properties()) {
      JsonNode value = property.getValue();
      if (!value.isValueNode() || value.isNull()) {
        problem(
            properties.pointer(property.getKey()),
            "table property '"
                + property.getKey()
                + "' must be a string, number or boolean, found "
                + describe(value));
        valid = false;
      } else {
        values.put(property.getKey(), value.asText());
      }
    }
    return valid ? values : null;
  }

  /**
   * Builds the Iceberg objects once everything else about the table is valid, so rules only Iceberg
   * knows (such as redundant partition fields like {@code day(a)} beside {@code hour(a)}) are
   * reported here rather than at provisioning time.
   */
  private void checkWithIceberg(Fields table, Table result) {
    Schema schema;
    try {
      schema = IcebergMapping.toSchema(result);
    } catch (RuntimeException refused) {
      problem(table.pointer, "Iceberg refuses this table: " + refused.getMessage());
      return;
    }
    try {
      PartitionSpec ignored = IcebergMapping.toPartitionSpec(result, schema);
    } catch (RuntimeException refused) {
      problem(
          table.pointer("partitioning"),
          "Iceberg refuses this partitioning: " + refused.getMessage());
    }
    try {
      SortOrder ignored = IcebergMapping.toSortOrder(result, schema);
    } catch (RuntimeException refused) {
      problem(
          table.pointer("sortOrder"), "Iceberg refuses this sort order: " + refused.getMessage());
    }
  }

  /**
   * Reports a reference to a column that is not declared, unless the columns could not all be read,
   * in which case the reference may well be right and the real problem is already reported.
   *
   * @return false when the reference was reported
   */
  private boolean reportMissingColumn(ColumnCatalog catalog, String pointer, String subject) {
    if (!catalog.complete) {
      return false;
    }
    String declared = catalog.names.stream().sorted().collect(Collectors.joining(", "));
    problem(pointer, subject + " is not a declared column; the table declares " + declared);
    return false;
  }

  // ---------------------------------------------------------------- access

  private Access readAccess(Fields spec, ColumnCatalog catalog) {
    if (!spec.has("access")) {
      return Access.PRIVATE_WITHOUT_GRANTS;
    }
    Fields access = spec.requiredObject("access", "visibility", "grants");
    if (access == null) {
      return null;
    }
    Visibility visibility =
        access.requiredEnum(
            "visibility", Visibility.values(), Visibility::declaredName, "visibility");
    List<JsonNode> elements = access.has("grants") ? access.requiredArray("grants") : List.of();
    if (elements == null) {
      return null;
    }
    List<Grant> grants = new ArrayList<>();
    boolean valid = true;
    for (int position = 0; position < elements.size(); position++) {
      Grant grant =
          readGrant(elements.get(position), index(access.pointer("grants"), position), catalog);
      if (grant == null) {
        valid = false;
      } else {
        grants.add(grant);
      }
    }
    return visibility == null || !valid ? null : new Access(visibility, grants);
  }

  private Grant readGrant(JsonNode node, String pointer, ColumnCatalog catalog) {
    Fields grant =
        object(node, pointer, "principal", "columns", "masks", "rowFilter", "expires", "purpose");
    if (grant == null) {
      return null;
    }
    int problemsBefore = problems.size();
    Principal principal = null;
    String principalText = grant.requiredText("principal");
    if (principalText != null) {
      try {
        principal = Principal.parse(principalText);
      } catch (IllegalArgumentException malformed) {
        problem(grant.pointer("principal"), malformed.getMessage());
      }
    }
    ColumnSelection columns = readColumnSelection(grant, catalog);
    Map<String, MaskKind> masks = readMasks(grant, catalog);
    Optional<String> rowFilter = grant.optionalText("rowFilter");
    Optional<Instant> expires = Optional.empty();
    Optional<String> expiresText = grant.optionalText("expires");
    if (expiresText.isPresent()) {
      try {
        expires = Optional.of(OffsetDateTime.parse(expiresText.get()).toInstant());
      } catch (DateTimeParseException malformed) {
        problem(
            grant.pointer("expires"),
            "expires '"
                + expiresText.get()
                + "' is not an ISO-8601 timestamp with a zone, such as 2027-01-01T00:00:00Z");
      }
    }
    Optional<String> purpose = grant.optionalText("purpose");
    if (problems.size() > problemsBefore || principal == null || columns == null || masks == null) {
      return null;
    }
    return new Grant(principal, columns, masks, rowFilter, expires, purpose);
  }

  private ColumnSelection readColumnSelection(Fields grant, ColumnCatalog catalog) {
    if (!grant.has("columns")) {
      return new ColumnSelection.All();
    }
    JsonNode node = grant.node.get("columns");
    String pointer = grant.pointer("columns");
    if (node.isTextual()) {
      if (node.asText().equals("all")) {
        return new ColumnSelection.All();
      }
      problem(
          pointer,
          "columns '"
              + node.asText()
              + "' is not understood; expected all, {include: [...]} or {exclude: [...]}");
      return null;
    }
    if (!node.isObject()) {
      problem(
          pointer,
          "columns must be all, {include: [...]} or {exclude: [...]}, found " + describe(node));
      return null;
    }
    Fields selection = object(node, pointer, "include", "exclude");
    if (selection == null) {
      return null;
    }
    if (selection.has("include") == selection.has("exclude")) {
      problem(pointer, "columns needs exactly one of include or exclude");
      return null;
    }
    String listName = selection.has("include") ? "include" : "exclude";
    List<String> names = selection.textList(listName, true, true, null, null);
    if (names == null) {
      return null;
    }
    boolean valid = true;
    for (int position = 0; position < names.size(); position++) {
      String column = names.get(position);
      if (!catalog.declares(column)) {
        valid &=
            reportMissingColumn(
                catalog,
                index(selection.pointer(listName), position),
                "granted column '" + column + "'");
      }
    }
    if (!valid) {
      return null;
    }
    return listName.equals("include")
        ? new ColumnSelection.Include(names)
        : new ColumnSelection.Exclude(names);
  }

  /**
   * Masks by column. A mask on a column the grant does not show is allowed and has no effect, so a
   * grant can be narrowed without also editing its masks.
   */
  private Map<String, MaskKind> readMasks(Fields grant, ColumnCatalog catalog) {
    if (!grant.has("masks")) {
      return Map.of();
    }
    Fields masks = grant.requiredObject("masks", (String[]) null);
    if (masks == null) {
      return null;
    }
    Map<String, MaskKind> kinds = new LinkedHashMap<>();
    boolean valid = true;
    for (Map.Entry<String, JsonNode> mask : masks.node.properties()) {
      String column = mask.getKey();
      String pointer = masks.pointer(column);
      JsonNode value = mask.getValue();
      MaskKind kind = null;
      // YAML reads a bare `null` as a null value rather than as the word, so both mean NULL.
      if (value.isNull()) {
        kind = MaskKind.NULL;
      } else if (value.isTextual()) {
        kind =
            Arrays.stream(MaskKind.values())
                .filter(candidate -> candidate.declaredName().equals(value.asText()))
                .findFirst()
                .orElse(null);
        if (kind == null) {
          problem(
              pointer,
              "unknown mask '"
                  + value.asText()
                  + "' for column '"
                  + column
                  + "'; expected redact, hash or null");
        }
      } else {
        problem(
            pointer,
            "mask for column '"
                + column
                + "' must be redact, hash or null, found "
                + describe(value));
      }
      if (!catalog.declares(column)) {
        valid &= reportMissingColumn(catalog, pointer, "masked column '" + column + "'");
        continue;
      }
      if (kind == null) {
        valid = false;
      } else {
        kinds.put(column, kind);
      }
    }
    return valid ? kinds : null;
  }

  // ---------------------------------------------------------------- sla, quality, source

  private Optional<Sla> readSla(Fields spec) {
    if (!spec.has("sla")) {
      return Optional.empty();
    }
    Fields sla = spec.requiredObject("sla", "freshness");
    if (sla == null) {
      return null;
    }
    Duration freshness = sla.requiredDuration("freshness");
    return freshness == null ? null : Optional.of(new Sla(freshness));
  }

  private static final Map<String, List<String>> QUALITY_FIELDS =
      Map.of(
          "not_null", List.of("type", "column", "severity"),
          "unique", List.of("type", "column", "severity"),
          "accepted_values", List.of("type", "column", "values", "severity"),
          "row_count_min", List.of("type", "min", "severity"),
          "custom_sql", List.of("type", "name", "sql", "expect", "severity"));

  private List<QualityCheck> readQuality(Fields spec, ColumnCatalog catalog) {
    List<JsonNode> elements = spec.has("quality") ? spec.requiredArray("quality") : List.of();
    if (elements == null) {
      return null;
    }
    List<QualityCheck> checks = new ArrayList<>();
    Map<String, String> customPointersByName = new HashMap<>();
    int problemsBefore = problems.size();
    for (int position = 0; position < elements.size(); position++) {
      String pointer = index(spec.pointer("quality"), position);
      JsonNode node = elements.get(position);
      if (!node.isObject()) {
        problem(pointer, "expected an object, found " + describe(node));
        continue;
      }
      JsonNode typeNode = node.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        object(
                node,
                pointer,
                "type",
                "column",
                "values",
                "min",
                "name",
                "sql",
                "expect",
                "severity")
            .requiredText("type");
        continue;
      }
      String type = typeNode.asText();
      List<String> fields = QUALITY_FIELDS.get(type);
      if (fields == null) {
        problem(
            field(pointer, "type"),
            "unknown quality check type '"
                + type
                + "'; expected not_null, unique, accepted_values, row_count_min or custom_sql");
        continue;
      }
      Fields check = object(node, pointer, fields.toArray(String[]::new));
      String column = fields.contains("column") ? check.requiredText("column") : null;
      QualityCheck.Severity severity = readSeverity(check);
      if (severity == null) {
        continue;
      }
      if (column != null && !catalog.declares(column)) {
        reportMissingColumn(
            catalog, check.pointer("column"), "quality check column '" + column + "'");
      }
      switch (type) {
        case "not_null" -> {
          if (column != null) {
            checks.add(new QualityCheck.NotNull(column, severity));
          }
        }
        case "unique" -> {
          if (column != null) {
            checks.add(new QualityCheck.Unique(column, severity));
          }
        }
        case "accepted_values" -> {
          List<String> values = check.scalarList("values");
          if (column != null && values != null) {
            checks.add(new QualityCheck.AcceptedValues(column, values, severity));
          }
        }
        case "row_count_min" -> {
          Long min = check.requiredWholeNumber("min");
          if (min != null && min < 0) {
            problem(check.pointer("min"), "min must not be negative, got " + min);
          } else if (min != null) {
            checks.add(new QualityCheck.RowCountMin(min, severity));
          }
        }
        case "custom_sql" -> {
          String name = check.requiredText("name");
          if (name != null && !Names.isColumnName(name)) {
            problem(
                check.pointer("name"),
                "check name '" + name + "' must match " + Names.COLUMN.pattern());
          } else if (name != null) {
            String earlier = customPointersByName.putIfAbsent(name, pointer);
            if (earlier != null) {
              problem(
                  check.pointer("name"), "check name '" + name + "' is already used at " + earlier);
            }
          }
          String sql = check.requiredText("sql");
          if (sql != null && !sql.contains(QualityCheck.CustomSql.TABLE_PLACEHOLDER)) {
            problem(
                check.pointer("sql"),
                "custom SQL must name its table as {table}, which the platform replaces with the"
                    + " engine's name for it: '"
                    + sql
                    + "'");
          }
          Long expect = check.requiredWholeNumber("expect");
          if (name != null && sql != null && expect != null) {
            checks.add(new QualityCheck.CustomSql(name, sql, expect, severity));
          }
        }
        default -> throw new IllegalStateException("unreachable: " + type);
      }
    }
    return problems.size() > problemsBefore ? null : checks;
  }

  /** The declared severity, {@code error} when absent; null after reporting a bad one. */
  private QualityCheck.Severity readSeverity(Fields check) {
    Optional<String> declared = check.optionalText("severity");
    if (check.has("severity") && declared.isEmpty()) {
      return null;
    }
    if (declared.isEmpty()) {
      return QualityCheck.Severity.ERROR;
    }
    for (QualityCheck.Severity severity : QualityCheck.Severity.values()) {
      if (severity.declaredName().equals(declared.get())) {
        return severity;
      }
    }
    problem(
        check.pointer("severity"),
        "unknown severity '" + declared.get() + "'; expected error or warn");
    return null;
  }

  private Source readSource(Fields spec, DataProduct.Metadata metadata, Table table) {
    Fields source;
    JsonNode node = spec.node.get("source");
    String pointer = spec.pointer("source");
    if (node == null) {
      problem(pointer, "missing required field 'source'");
      return null;
    }
    if (!node.isObject()) {
      problem(pointer, "expected an object, found " + describe(node));
      return null;
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    switch (type == null ? "" : type) {
      case "ingest" -> {
        return object(node, pointer, "type") == null || problemsUnder(pointer)
            ? null
            : new Source.Ingest();
      }
      case "external" -> {
        return object(node, pointer, "type") == null || problemsUnder(pointer)
            ? null
            : new Source.External();
      }
      case "sql" ->
          source = object(node, pointer, "type", "inputs", "query", "schedule", "refresh");
      default -> {
        source = object(node, pointer, "type", "inputs", "query", "schedule", "refresh");
        if (type == null) {
          source.requiredText("type");
        } else {
          problem(
              source.pointer("type"),
              "unknown source type '" + type + "'; expected ingest, external or sql");
        }
        return null;
      }
    }
    List<String> inputTexts = source.textList("inputs", true, true, null, null);
    List<ProductReference> inputs = new ArrayList<>();
    if (inputTexts != null) {
      for (int position = 0; position < inputTexts.size(); position++) {
        String inputPointer = index(source.pointer("inputs"), position);
        try {
          ProductReference input = ProductReference.parse(inputTexts.get(position));
          if (metadata != null
              && input.equals(new ProductReference(metadata.domain(), metadata.name()))) {
            problem(inputPointer, "a product cannot be an input of itself: '" + input + "'");
          }
          inputs.add(input);
        } catch (IllegalArgumentException malformed) {
          problem(inputPointer, malformed.getMessage());
        }
      }
    }
    String query = source.requiredText("query");
    Duration schedule = source.requiredDuration("schedule");
    // The same declaration must provision in AWS, where an EventBridge rate takes whole minutes.
    if (schedule != null
        && (schedule.compareTo(Duration.ofMinutes(1)) < 0
            || !schedule.equals(Duration.ofMinutes(schedule.toMinutes())))) {
      problem(
          source.pointer("schedule"),
          "schedule must be a whole number of minutes, at least PT1M (EventBridge rates take"
              + " whole minutes), not '%s'".formatted(schedule));
      schedule = null;
    }
    Source.Refresh refresh = Source.Refresh.FULL;
    if (source.has("refresh")) {
      refresh =
          source.requiredEnum(
              "refresh", Source.Refresh.values(), Source.Refresh::declaredName, "refresh");
    }
    if (refresh == Source.Refresh.MERGE && table != null && table.primaryKey().isEmpty()) {
      problem(
          source.pointer("refresh"),
          "refresh 'merge' upserts by primary key, but the table declares no primaryKey");
    }
    if (problemsUnder(pointer) || query == null || schedule == null || refresh == null) {
      return null;
    }
    return new Source.Sql(inputs, query, schedule, refresh);
  }

  // ---------------------------------------------------------------- helpers

  private void checkDomainOrProductName(String pointer, String name, String what) {
    if (name != null && !Names.isDomainOrProductName(name)) {
      problem(
          pointer,
          what
              + " name '"
              + name
              + "' must be 2 to 63 lower-case letters, digits or underscores, starting with a"
              + " letter ("
              + Names.DOMAIN_OR_PRODUCT.pattern()
              + ")");
    }
  }

  private boolean problemsUnder(String pointer) {
    return problems.stream()
        .anyMatch(
            problem ->
                problem.pointer().equals(pointer) || problem.pointer().startsWith(pointer + "/"));
  }

  private void problem(String pointer, String message) {
    problems.add(new Problem(pointer, message));
  }

  /**
   * The node as an object whose fields are all among {@code known} (null: any field), or null after
   * reporting that it is not an object. Unknown fields are reported, and reading goes on.
   */
  private Fields object(JsonNode node, String pointer, String... known) {
    if (node == null || !node.isObject()) {
      problem(pointer, "expected an object, found " + describe(node));
      return null;
    }
    if (known != null) {
      List<String> knownFields = List.of(known);
      node.fieldNames()
          .forEachRemaining(
              name -> {
                if (!knownFields.contains(name)) {
                  problem(
                      field(pointer, name),
                      "unknown field '"
                          + name
                          + (knownFields.size() == 1
                              ? "'; only " + knownFields.getFirst() + " is allowed here"
                              : "'; expected one of " + String.join(", ", knownFields)));
                }
              });
    }
    return new Fields(node, pointer);
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "the string '" + node.asText() + "'";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "the boolean " + node.asText();
      case NULL -> "an empty value (null)";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  /** Typed access to the fields of one object node, reporting what is missing or mistyped. */
  private final class Fields {
    final JsonNode node;
    final String pointer;

    Fields(JsonNode node, String pointer) {
      this.node = node;
      this.pointer = pointer;
    }

    String pointer(String name) {
      return field(pointer, name);
    }

    boolean has(String name) {
      return node.has(name);
    }

    /** The field's node, or null after reporting that it is missing. */
    private JsonNode required(String name) {
      JsonNode value = node.get(name);
      if (value == null) {
        problem(pointer(name), "missing required field '" + name + "'");
      }
      return value;
    }

    private boolean expect(String name, JsonNode value, boolean matches, String expected) {
      if (!matches) {
        String hint =
            expected.equals("a string") && value.isNumber()
                ? " (quote it: \"" + value.asText() + "\")"
                : "";
        problem(pointer(name), "expected " + expected + ", found " + describe(value) + hint);
      }
      return matches;
    }

    String requiredText(String name) {
      JsonNode value = required(name);
      if (value == null || !expect(name, value, value.isTextual(), "a string")) {
        return null;
      }
      if (value.asText().isBlank()) {
        problem(pointer(name), name + " must not be blank");
        return null;
      }
      return value.asText();
    }

    /** Absent is empty; present but not a non-blank string is a problem (and empty). */
    Optional<String> optionalText(String name) {
      return has(name) ? Optional.ofNullable(requiredText(name)) : Optional.empty();
    }

    /** Absent is false; null after reporting a non-boolean. */
    Boolean optionalBoolean(String name) {
      if (!has(name)) {
        return false;
      }
      JsonNode value = node.get(name);
      return expect(name, value, value.isBoolean(), "true or false") ? value.asBoolean() : null;
    }

    BigDecimal requiredNumber(String name) {
      JsonNode value = required(name);
      if (value == null || !expect(name, value, value.isNumber(), "a number")) {
        return null;
      }
      return value.decimalValue();
    }

    Long requiredWholeNumber(String name) {
      JsonNode value = required(name);
      if (value == null
          || !expect(
              name,
              value,
              value.isIntegralNumber() && value.canConvertToLong(),
              "a whole number")) {
        return null;
      }
      return value.asLong();
    }

    Duration requiredDuration(String name) {
      String text = requiredText(name);
      if (text == null) {
        return null;
      }
      try {
        Duration duration = Duration.parse(text);
        if (duration.isNegative() || duration.isZero()) {
          problem(pointer(name), name + " must be a positive duration, got '" + text + "'");
          return null;
        }
        return duration;
      } catch (DateTimeParseException malformed) {
        problem(
            pointer(name),
            name + " '" + text + "' is not an ISO-8601 duration such as PT6H, PT30M or P1D");
        return null;
      }
    }

    <E extends Enum<E>> E requiredEnum(
        String name, E[] values, Function<E, String> declaredName, String what) {
      String text = requiredText(name);
      if (text == null) {
        return null;
      }
      for (E value : values) {
        if (declaredName.apply(value).equals(text)) {
          return value;
        }
      }
      problem(
          pointer(name),
          "unknown "
              + what
              + " '"
              + text
              + "'; expected "
              + Arrays.stream(values).map(declaredName).collect(Collectors.joining(", ")));
      return null;
    }

    Fields requiredObject(String name, String... known) {
      JsonNode value = required(name);
      return value == null ? null : object(value, pointer(name), known);
    }

    List<JsonNode> requiredArray(String name) {
      JsonNode value = required(name);
      if (value == null || !expect(name, value, value.isArray(), "a list")) {
        return null;
      }
      List<JsonNode> elements = new ArrayList<>();
      value.forEach(elements::add);
      return elements;
    }

    /**
     * A list of non-blank strings, each matching {@code pattern} when given, without duplicates; an
     * absent optional list is empty. Null after reporting any problem.
     */
    List<String> textList(
        String name, boolean required, boolean nonEmpty, Pattern pattern, String what) {
      if (!required && !has(name)) {
        return List.of();
      }
      List<JsonNode> elements = requiredArray(name);
      if (elements == null) {
        return null;
      }
      if (nonEmpty && elements.isEmpty()) {
        problem(pointer(name), name + " needs at least one entry");
        return null;
      }
      List<String> texts = new ArrayList<>();
      boolean valid = true;
      for (int position = 0; position < elements.size(); position++) {
        JsonNode element = elements.get(position);
        String elementPointer = index(pointer(name), position);
        if (!element.isTextual() || element.asText().isBlank()) {
          problem(elementPointer, "expected a non-blank string, found " + describe(element));
          valid = false;
        } else if (pattern != null && !pattern.matcher(element.asText()).matches()) {
          problem(
              elementPointer,
              "'" + element.asText() + "' is not " + what + " matching " + pattern.pattern());
          valid = false;
        } else if (texts.contains(element.asText())) {
          problem(elementPointer, "'" + element.asText() + "' is listed twice");
          valid = false;
        } else {
          texts.add(element.asText());
        }
      }
      return valid ? texts : null;
    }

    /** A required, non-empty list of strings, numbers or booleans, kept as text. */
    List<String> scalarList(String name) {
      List<JsonNode> elements = requiredArray(name);
      if (elements == null) {
        return null;
      }
      if (elements.isEmpty()) {
        problem(pointer(name), name + " needs at least one entry");
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int position = 0; position < elements.size(); position++) {
        JsonNode element = elements.get(position);
        if (!element.isValueNode() || element.isNull()) {
          problem(
              index(pointer(name), position),
              "expected a string, number or boolean, found " + describe(element));
          return null;
        }
        values.add(element.asText());
      }
      return values;
    }
  }
}
