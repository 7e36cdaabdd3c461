package io.tributary.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalRolesTest {
  private final PrincipalRoles roles =
      new PrincipalRoles("123456789012", "arn:aws:iam::{account}:role/tributary-{kind}-{name}");

  @Test
  void mapsGroupsAndUsersThroughTheTemplate() {
    assertThat(roles.roleArn("group:sales-analysts"))
        .isEqualTo("arn:aws:iam::123456789012:role/tributary-group-sales-analysts");
    assertThat(roles.roleArn("user:ana"))
        .isEqualTo("arn:aws:iam::123456789012:role/tributary-user-ana");
  }

  @Test
  void replacesCharactersIamRefuses() {
    assertThat(roles.groupRoleArn("Sales Analysts/EU"))
        .isEqualTo("arn:aws:iam::123456789012:role/tributary-group-Sales-Analysts-EU");
  }

  @Test
  void candidatesAreTheUserThenTheGroupsInOrder() {
    assertThat(roles.candidateRoles("ana", List.of("zeta", "alpha")))
        .containsExactly(
            "arn:aws:iam::123456789012:role/tributary-user-ana",
            "arn:aws:iam::123456789012:role/tributary-group-alpha",
            "arn:aws:iam::123456789012:role/tributary-group-zeta");
  }

  @Test
  void refusesWhatCannotBeARole() {
    assertThatThrownBy(() -> roles.roleArn("sales"))
        .hasMessageContaining("group:NAME or user:NAME");
    assertThatThrownBy(() -> roles.groupRoleArn("x".repeat(60)))
        .hasMessageContaining("over IAM's 64");
    assertThatThrownBy(() -> new PrincipalRoles("12345", "arn:aws:iam::{account}:role/{name}"))
        .hasMessageContaining("12-digit");
    assertThatThrownBy(() -> new PrincipalRoles("123456789012", "tributary-{name}"))
        .hasMessageContaining("IAM role ARN");
  }
}
