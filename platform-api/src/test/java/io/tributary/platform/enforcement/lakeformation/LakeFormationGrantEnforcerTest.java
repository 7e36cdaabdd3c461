package io.tributary.platform.enforcement.lakeformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.platform.aws.PrincipalRoles;
import io.tributary.platform.enforcement.AccessSnapshot;
import io.tributary.policies.grant.ColumnSelection;
import io.tributary.policies.grant.Grant;
import io.tributary.policies.grant.Principal;
import io.tributary.policies.grant.ProductColumns;
import io.tributary.policies.grant.ProductName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code lakeformation} grant enforcer over a registry snapshot, against {@link
 * LakeFormationTestServer} (it checks the protocol, not AWS's behaviour): principals become the
 * mapped IAM roles, products without a table are skipped until they have one, a retired product's
 * grants are revoked, and a product the compiler refuses does not block the others.
 */
class LakeFormationGrantEnforcerTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final ProductName ORDERS = ProductName.of("sales", "orders");
  static final ProductName RETURNS = ProductName.of("sales", "returns");

  LakeFormationTestServer server;
  LakeFormationGrantEnforcer enforcer;
  Set<ProductName> tables = new java.util.HashSet<>(Set.of(ORDERS));
  List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    io.tributary.platform.catalog.glue.AwsTestCredentials.install();
    server = new LakeFormationTestServer();
    enforcer =
        LakeFormationGrantEnforcer.connect(
            "us-east-1",
            Optional.of(server.endpoint()),
            new PrincipalRoles(ACCOUNT, "arn:aws:iam::{account}:role/tributary-{kind}-{name}"),
            Set.of(),
            tables::contains,
            log::add);
  }

  @AfterEach
  void stop() throws Exception {
    enforcer.close();
    server.close();
  }

  static AccessSnapshot.ProductAccess product(ProductName name) {
    return new AccessSnapshot.ProductAccess(
        ProductColumns.of(name, "order_id", "long", "region", "string", "email", "string"),
        "curated",
        Map.of("email", "pii"));
  }

  static Grant grant(String principal, ProductName product) {
    return Grant.to(Principal.parse(principal), product)
        .columns(ColumnSelection.include("order_id", "region"))
        .build();
  }

  static AccessSnapshot snapshot(
      List<AccessSnapshot.ProductAccess> products,
      List<AccessSnapshot.ProductAccess> retired,
      List<Grant> grants) {
    return new AccessSnapshot(List.of(), products, retired, grants, Map.of(), NOW);
  }

  List<String> principalsHeld() {
    return server.permissions().stream()
        .map(item -> item.path("Principal").path("DataLakePrincipalIdentifier").asText())
        .toList();
  }

  @Test
  void grantsGoToTheMappedRolesAndProductsWithoutATableWait() {
    AccessSnapshot snapshot =
        snapshot(
            List.of(product(ORDERS), product(RETURNS)),
            List.of(),
            List.of(grant("group:finance", ORDERS), grant("user:ada", RETURNS)));

    enforcer.enforce(snapshot);

    assertThat(principalsHeld())
        .containsExactly("arn:aws:iam::" + ACCOUNT + ":role/tributary-group-finance");
    assertThat(server.tableTags("sales", "orders")).containsEntry("zone", "curated");
    assertThat(server.tableTags("sales", "returns")).isEmpty();
    assertThat(log).anyMatch(line -> line.contains("sales.returns does not exist yet"));

    tables.add(RETURNS);
    enforcer.enforce(snapshot);

    assertThat(principalsHeld())
        .containsExactlyInAnyOrder(
            "arn:aws:iam::" + ACCOUNT + ":role/tributary-group-finance",
            "arn:aws:iam::" + ACCOUNT + ":role/tributary-user-ada");
  }

  @Test
  void aRetiredProductsGrantsAreRevoked() {
    enforcer.enforce(
        snapshot(List.of(product(ORDERS)), List.of(), List.of(grant("group:finance", ORDERS))));
    assertThat(principalsHeld()).hasSize(1);

    enforcer.enforce(snapshot(List.of(), List.of(product(ORDERS)), List.of()));

    assertThat(principalsHeld()).isEmpty();
    assertThat(server.operations()).contains("BatchRevokePermissions");
  }

  @Test
  void aProductTheCompilerRefusesDoesNotBlockTheOthers() {
    tables.add(RETURNS);
    // Two live grants to one principal on one table: Lake Formation keeps one column set.
    enforcer.enforce(
        snapshot(
            List.of(product(ORDERS), product(RETURNS)),
            List.of(),
            List.of(
                grant("group:finance", ORDERS),
                grant("group:audit", RETURNS),
                grant("group:audit", RETURNS))));

    assertThat(principalsHeld())
        .containsExactly("arn:aws:iam::" + ACCOUNT + ":role/tributary-group-finance");
    assertThat(log).anyMatch(line -> line.contains("leaving sales.returns as it is"));
  }
}
