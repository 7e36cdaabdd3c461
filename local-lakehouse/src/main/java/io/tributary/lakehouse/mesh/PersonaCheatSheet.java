package io.tributary.lakehouse.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The people of the example mesh and what each may do, worked out from the declarations themselves
 * (owners, members and grants), so the sheet stays true when the examples change.
 */
public final class PersonaCheatSheet {

  /** The group whose members onboard domains; the API's default admin group. */
  public static final String ADMIN_GROUP = "platform-admins";

  /**
   * One person to try the platform as.
   *
   * @param group the one group the person's token carries; empty for an outsider
   * @param role who the person is, in a few words
   */
  public record Persona(String user, Optional<String> group, String role) {
    public Persona {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(role, "role");
    }

    /** The command that prints a token for this person. */
    public String tokenCommand() {
      return "./tributary token " + user + group.map(name -> " --group " + name).orElse("");
    }
  }

  public static final List<Persona> PERSONAS =
      List.of(
          new Persona("admin", Optional.of(ADMIN_GROUP), "platform administrator"),
          new Persona("sam", Optional.of("sales-owners"), "sales domain owner"),
          new Persona("ana", Optional.of("sales-analysts"), "sales analyst"),
          new Persona("carol", Optional.of("customers-owners"), "customers domain owner"),
          new Persona("mia", Optional.of("marketing-owners"), "marketing domain owner"),
          new Persona("olga", Optional.empty(), "outsider, in no group"));

  private final List<DeclarationDocument> declarations;

  public PersonaCheatSheet(List<DeclarationDocument> declarations) {
    this.declarations = List.copyOf(declarations);
  }

  /** What this person may do, one line per ability. */
  public List<String> abilities(Persona persona) {
    List<String> abilities = new ArrayList<>();
    Optional<String> group = persona.group();
    if (group.equals(Optional.of(ADMIN_GROUP))) {
      abilities.add("onboards domains and changes any domain or product");
    }
    for (DeclarationDocument domain : domains()) {
      JsonNode spec = domain.tree().path("spec");
      if (group.isPresent() && contains(spec.path("owners"), group.get())) {
        abilities.add(
            "owns "
                + domain.name()
                + ": changes it and its products ("
                + String.join(", ", productsOf(domain.name()))
                + ") and reads and writes their rows");
      }
      if (group.isPresent() && contains(spec.path("members"), group.get())) {
        abilities.add(
            "reads and writes every product of "
                + domain.name()
                + " ("
                + String.join(", ", productsOf(domain.name()))
                + ")");
      }
    }
    for (DeclarationDocument product : products()) {
      for (JsonNode grant : product.tree().path("spec").path("access").path("grants")) {
        String principal = grant.path("principal").asText("");
        boolean granted =
            principal.equals("user:" + persona.user())
                || group.map(name -> principal.equals("group:" + name)).orElse(false);
        if (granted) {
          abilities.add("reads " + product.qualifiedName() + describeGrant(grant));
        }
      }
    }
    if (abilities.isEmpty()) {
      abilities.add("reads no rows: no domain counts them in and no grant names them");
    }
    abilities.add("finds every discoverable product");
    return List.copyOf(abilities);
  }

  /** Prints the sheet, with how to use a token against the API, Swagger UI and JDBC. */
  public void print(PrintStream out, String apiUri, String jdbcUrl) {
    out.println();
    out.println("Personas of the example mesh (data-products/): print a token, then use it.");
    for (Persona persona : PERSONAS) {
      out.println(
          "  %-6s %-50s %s".formatted(persona.user(), persona.tokenCommand(), persona.role()));
      for (String ability : abilities(persona)) {
        out.println("         - " + ability);
      }
    }
    out.println("  Try one:");
    out.println(
        "    API:        curl -H \"Authorization: Bearer $(./tributary token ana --group"
            + " sales-analysts)\" "
            + apiUri
            + "/api/v1/me");
    out.println("    Swagger UI: " + apiUri + "/q/swagger-ui  (Authorize with a token)");
    out.println("    JDBC:       " + jdbcUrl + "  (user ana, accessToken the token)");
    out.println(
        "                or the one URL of ./tributary jdbc-url --user ana --group sales-analysts");
  }

  private static String describeGrant(JsonNode grant) {
    StringBuilder text = new StringBuilder();
    JsonNode columns = grant.path("columns");
    if (columns.has("include")) {
      text.append(": only ").append(join(columns.path("include")));
    } else if (columns.has("exclude")) {
      text.append(": without ").append(join(columns.path("exclude")));
    }
    List<String> masks = new ArrayList<>();
    grant
        .path("masks")
        .properties()
        .forEach(
            mask -> {
              String kind = mask.getValue().isNull() ? "null" : mask.getValue().asText();
              masks.add(
                  mask.getKey()
                      + switch (kind) {
                        case "hash" -> " hashed";
                        case "redact" -> " redacted";
                        case "null" -> " as null";
                        default -> " masked (" + kind + ")";
                      });
            });
    if (!masks.isEmpty()) {
      text.append(text.isEmpty() ? ": " : "; ").append(String.join(", ", masks));
    }
    if (grant.hasNonNull("rowFilter")) {
      text.append(text.isEmpty() ? ": " : "; ")
          .append("rows where ")
          .append(grant.path("rowFilter").asText());
    }
    return text.toString();
  }

  private List<DeclarationDocument> domains() {
    return declarations.stream().filter(DeclarationDocument::isDomain).toList();
  }

  private List<DeclarationDocument> products() {
    return declarations.stream().filter(DeclarationDocument::isDataProduct).toList();
  }

  private List<String> productsOf(String domain) {
    return products().stream()
        .filter(product -> product.domain().equals(domain))
        .map(DeclarationDocument::qualifiedName)
        .toList();
  }

  private static boolean contains(JsonNode names, String name) {
    for (JsonNode candidate : names) {
      if (candidate.asText("").equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String join(JsonNode names) {
    List<String> texts = new ArrayList<>();
    names.forEach(name -> texts.add(name.asText()));
    return String.join(", ", texts);
  }
}
