package io.tributary.platform.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.platform.events.CloudEvent;
import io.tributary.platform.registry.RefreshRun;
import io.tributary.platform.registry.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * OpenLineage 2.0 {@code RunEvent}s for refreshes, carried as the {@code data} of a CloudEvent so
 * they travel through the same sinks as the platform's other events. The job is {@code tributary} /
 * {@code <domain>.<product>}; datasets are named {@code <domain>.<product>} in the namespace {@code
 * trino://<catalog>}, and each input carries the snapshot id read as its dataset version.
 */
public final class OpenLineageEvents {
  public static final String SOURCE = "/tributary/pipelines";
  public static final String TYPE_PREFIX = "io.tributary.lineage.run.";
  public static final String JOB_NAMESPACE = "tributary";
  static final String PRODUCER = "https://github.com/tributary/tributary/platform-api";
  static final String RUN_EVENT_SCHEMA =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  static final String VERSION_FACET_SCHEMA =
      "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json"
          + "#/$defs/DatasetVersionDatasetFacet";
  static final String OUTPUT_STATISTICS_SCHEMA =
      "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json"
          + "#/$defs/OutputStatisticsOutputDatasetFacet";
  static final String ERROR_FACET_SCHEMA =
      "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json"
          + "#/$defs/ErrorMessageRunFacet";

  private OpenLineageEvents() {}

  /** START while running, COMPLETE when it succeeded, FAIL when it failed. */
  public static CloudEvent of(RefreshRun run, String catalog) {
    String eventType =
        switch (run.status()) {
          case SUCCEEDED -> "COMPLETE";
          case FAILED -> "FAIL";
          default -> "START";
        };
    Instant time = run.finishedAt() == null ? run.startedAt() : run.finishedAt();
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode event = json.objectNode();
    event.put("eventType", eventType);
    event.put("eventTime", time.toString());
    event.put("producer", PRODUCER);
    event.put("schemaURL", RUN_EVENT_SCHEMA);
    ObjectNode runNode = event.putObject("run");
    runNode.put("runId", runId(run).toString());
    ObjectNode runFacets = runNode.putObject("facets");
    if (run.status() == RunStatus.FAILED && run.error() != null) {
      ObjectNode error = facet(runFacets, "errorMessage", ERROR_FACET_SCHEMA);
      error.put("message", run.error());
      error.put("programmingLanguage", "SQL");
    }
    ObjectNode job = event.putObject("job");
    job.put("namespace", JOB_NAMESPACE);
    job.put("name", run.domain() + "." + run.product());
    String namespace = "trino://" + catalog;
    ArrayNode inputs = event.putArray("inputs");
    for (Map.Entry<String, Long> input : run.inputSnapshots().entrySet()) {
      ObjectNode dataset = inputs.addObject();
      dataset.put("namespace", namespace);
      dataset.put("name", input.getKey());
      ObjectNode facets = dataset.putObject("facets");
      if (input.getValue() != null) {
        facet(facets, "version", VERSION_FACET_SCHEMA)
            .put("datasetVersion", input.getValue().toString());
      }
    }
    ArrayNode outputs = event.putArray("outputs");
    ObjectNode output = outputs.addObject();
    output.put("namespace", namespace);
    output.put("name", run.domain() + "." + run.product());
    ObjectNode outputFacets = output.putObject("facets");
    if (run.outputSnapshot() != null) {
      facet(outputFacets, "version", VERSION_FACET_SCHEMA)
          .put("datasetVersion", run.outputSnapshot().toString());
    }
    if (run.status() == RunStatus.SUCCEEDED) {
      facet(output.putObject("outputFacets"), "outputStatistics", OUTPUT_STATISTICS_SCHEMA)
          .put("rowCount", run.rowCount());
    }
    return new CloudEvent(
        UUID.randomUUID().toString(),
        SOURCE,
        TYPE_PREFIX + eventType.toLowerCase(Locale.ROOT),
        run.domain() + "." + run.product(),
        time,
        event);
  }

  /** OpenLineage wants a UUID per run, the same for its START and its end. */
  static UUID runId(RefreshRun run) {
    return UUID.nameUUIDFromBytes(
        (run.domain() + "." + run.product() + "#" + run.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode facet(ObjectNode facets, String name, String schema) {
    ObjectNode facet = facets.putObject(name);
    facet.put("_producer", PRODUCER);
    facet.put("_schemaURL", schema);
    return facet;
  }
}
