package io.tributary.platform.lineage;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import io.tributary.platform.registry.ProductRecord;
import io.tributary.platform.service.Documents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A product's lineage across domains, from the registry's declarations: upstream the inputs of its
 * SQL source and theirs, downstream the derived products that read it and theirs, each side up to a
 * depth.
 *
 * <p>A product the caller may not see (private to a domain they are not in) is left out, with its
 * edges, and the walk does not pass through it: lineage must not reveal that a private product
 * exists, nor what it reads. What is shown is therefore exact for what the caller may see, and
 * {@code truncated} says when some edge was left out.
 *
 * @param nodes the product first, then upstream and downstream products in walk order
 * @param edges input to derived product
 * @param truncated whether some product was left out as not visible to the caller
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges, boolean truncated) {

  /** A product in the graph. */
  public record Node(
      String id,
      String domain,
      String product,
      String title,
      String zone,
      String status,
      String source,
      String relation) {}

  /** An input read by a derived product. */
  public record Edge(String from, String to) {}

  /**
   * @param start the product whose lineage is asked for; must be among {@code products}
   * @param products every declared product of every domain
   * @param visible whether the caller may see a product
   * @param depth how many edges to follow upstream and downstream, at least 1
   */
  public static LineageGraph of(
      ProductReference start,
      Collection<ProductRecord> products,
      Predicate<ProductRecord> visible,
      int depth) {
    Map<String, ProductRecord> byName = new HashMap<>();
    Map<String, List<String>> inputsOf = new HashMap<>();
    Map<String, List<String>> readersOf = new HashMap<>();
    for (ProductRecord record : products) {
      String name = record.domain() + "." + record.product();
      byName.put(name, record);
      DataProduct declaration = Documents.storedProduct(record.document());
      if (declaration.spec().source() instanceof Source.Sql sql) {
        for (ProductReference input : sql.inputs()) {
          inputsOf.computeIfAbsent(name, key -> new ArrayList<>()).add(input.toString());
          readersOf.computeIfAbsent(input.toString(), key -> new ArrayList<>()).add(name);
        }
      }
    }
    Map<String, String> relation = new LinkedHashMap<>();
    Set<List<String>> edges = new LinkedHashSet<>();
    boolean[] truncated = {false};
    String origin = start.toString();
    relation.put(origin, "self");
    walk(origin, inputsOf, byName, visible, depth, relation, "upstream", edges, true, truncated);
    walk(
        origin, readersOf, byName, visible, depth, relation, "downstream", edges, false, truncated);
    List<Node> nodes = new ArrayList<>();
    relation.forEach(
        (name, how) -> {
          ProductRecord record = byName.get(name);
          DataProduct declaration = Documents.storedProduct(record.document());
          nodes.add(
              new Node(
                  name,
                  record.domain(),
                  record.product(),
                  declaration.metadata().title().orElse(null),
                  declaration.spec().zone().name().toLowerCase(Locale.ROOT),
                  record.status().name().toLowerCase(Locale.ROOT),
                  declaration.spec().source().type(),
                  how));
        });
    return new LineageGraph(
        nodes,
        edges.stream().map(edge -> new Edge(edge.get(0), edge.get(1))).toList(),
        truncated[0]);
  }

  private static void walk(
      String origin,
      Map<String, List<String>> neighbours,
      Map<String, ProductRecord> byName,
      Predicate<ProductRecord> visible,
      int depth,
      Map<String, String> relation,
      String how,
      Set<List<String>> edges,
      boolean upstream,
      boolean[] truncated) {
    Deque<String> frontier = new ArrayDeque<>(List.of(origin));
    Set<String> seen = new LinkedHashSet<>(List.of(origin));
    for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
      Deque<String> next = new ArrayDeque<>();
      for (String name : frontier) {
        for (String neighbour : neighbours.getOrDefault(name, List.of())) {
          ProductRecord record = byName.get(neighbour);
          if (record == null || !visible.test(record)) {
            truncated[0] |= record != null;
            continue;
          }
          edges.add(upstream ? List.of(neighbour, name) : List.of(name, neighbour));
          relation.putIfAbsent(neighbour, how);
          if (seen.add(neighbour)) {
            next.add(neighbour);
          }
        }
      }
      frontier = next;
    }
  }
}
