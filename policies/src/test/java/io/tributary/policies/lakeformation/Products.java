package io.tributary.policies.lakeformation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The example products and principals the tests share. */
final class Products {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final Map<String, String> PRINCIPALS =
      Map.of(
          "group:sales-analysts", "arn:aws:iam::123456789012:role/sales-analysts",
          "group:finance", "arn:aws:iam::123456789012:role/finance",
          "group:auditors",
              "arn:aws:identitystore:::group/9067a5e2a3-0b1c2d3e-4f56-7890-abcd-ef0123456789",
          "user:contractor", "arn:aws:iam::123456789012:role/contractor");

  static final List<ColumnInput> ORDER_COLUMNS =
      List.of(
          ColumnInput.of("order_id", "long"),
          ColumnInput.of("region", "string"),
          ColumnInput.of("amount", "decimal(10,2)"),
          ColumnInput.of("ordered_on", "date"),
          new ColumnInput("customer_email", "string", "pii"),
          new ColumnInput("customer_phone", "string", "pii"),
          new ColumnInput("card_token", "string", "confidential"));

  private Products() {}

  static LakeFormationCompiler compiler() {
    return new LakeFormationCompiler(ACCOUNT, PRINCIPALS, CLOCK);
  }

  static ProductInput orders(GrantInput... grants) {
    return new ProductInput("sales", "orders", "curated", ORDER_COLUMNS, List.of(grants));
  }

  static LakeFormationPlan compile(ProductInput... products) {
    return compiler().compile(List.of(products));
  }
}
