package io.tributary.lakehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonaCheatSheetTest {

  private final PersonaCheatSheet sheet =
      new PersonaCheatSheet(DeclarationFiles.read(DeclarationFilesTest.EXAMPLE_MESH));

  private PersonaCheatSheet.Persona persona(String user) {
    return PersonaCheatSheet.PERSONAS.stream()
        .filter(persona -> persona.user().equals(user))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void abilitiesFollowFromOwnersMembersAndGrants() {
    assertThat(sheet.abilities(persona("admin")))
        .first()
        .isEqualTo("onboards domains and changes any domain or product");
    assertThat(sheet.abilities(persona("sam")))
        .contains(
            "owns sales: changes it and its products (sales.orders, sales.products) and reads and"
                + " writes their rows");
    assertThat(sheet.abilities(persona("ana")))
        .contains(
            "reads and writes every product of sales (sales.orders, sales.products)",
            "reads customers.profiles: without phone; email hashed, full_name redacted",
            "reads marketing.web_events: without customer_id");
    assertThat(sheet.abilities(persona("mia")))
        .contains(
            "reads sales.orders: without lines; rows where status <> 'cancelled'",
            "reads customers.profiles: email hashed, phone as null, full_name redacted");
    assertThat(sheet.abilities(persona("olga")))
        .containsExactly(
            "reads no rows: no domain counts them in and no grant names them",
            "finds every discoverable product");
  }

  @Test
  void printsATokenCommandPerPersonaAndTheUrls() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    sheet.print(
        new PrintStream(output, true, StandardCharsets.UTF_8),
        "http://localhost:8081",
        "jdbc:trino://localhost:8443/lakehouse?SSL=true");

    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains(
            "./tributary token admin --group platform-admins",
            "./tributary token sam --group sales-owners",
            "./tributary token ana --group sales-analysts",
            "./tributary token carol --group customers-owners",
            "./tributary token mia --group marketing-owners",
            "  olga   ./tributary token olga ",
            "http://localhost:8081/api/v1/me",
            "Swagger UI: http://localhost:8081/q/swagger-ui",
            "JDBC:       jdbc:trino://localhost:8443/lakehouse?SSL=true");
  }
}
