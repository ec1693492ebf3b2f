package com.guanjia.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models in {@code processes/} and the forms in {@code forms/} as they are.
 *
 * <p>Each BPMN file is deployed together with the forms it references (so {@code formRefBinding=
 * deployment} finds them), each DMN file on its own (so a redeployed table is what new requests use).
 * Camunda's duplicate filter skips a deployment whose resources equal the last one of the same name:
 * a model that did not change gets no new version.
 */
@Component
class ModelDeployment extends AbstractProcessEnginePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployment.class);
  private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"$]+)\"");
  /** A process id in BPMN XML (also what {@link ModelGuard} reads from a deployment's other files). */
  static final Pattern PROCESS_ID = Pattern.compile("<(?:\\w+:)?process\\b[^>]*?\\sid=\"([^\"]+)\"");
  private static final Pattern CALLED = Pattern.compile("calledElement=\"([^\"$#]+)\"");
  static final String SOURCE = "guanjia";

  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    // decisions first, then processes called by others first: ModelGuard refuses a reference to a
    // decision or process that is not deployed yet
    load("classpath*:processes/*.dmn").forEach(
        (name, dmn) -> deploy(engine, baseName(name), Map.of("processes/" + name, dmn)));
    Map<String, byte[]> forms = load("classpath*:forms/*.form");
    calledFirst(load("classpath*:processes/*.bpmn")).forEach((name, bpmn) -> {
      Map<String, byte[]> bundle = new LinkedHashMap<>();
      bundle.put("processes/" + name, bpmn);
      Matcher refs = FORM_REF.matcher(new String(bpmn, StandardCharsets.UTF_8));
      while (refs.find()) {
        String form = refs.group(1) + ".form";
        byte[] content = forms.get(form);
        if (content == null) {
          throw new IllegalStateException(name + " refers to form '" + refs.group(1) + "', which forms/ lacks");
        }
        bundle.put("forms/" + form, content);
      }
      deploy(engine, baseName(name), bundle);
    });
  }

  /** The models in an order where each process a model calls is deployed before it. */
  static Map<String, byte[]> calledFirst(Map<String, byte[]> models) {
    Map<String, String> fileOfProcess = new TreeMap<>();
    models.forEach((name, bpmn) -> PROCESS_ID.matcher(new String(bpmn, StandardCharsets.UTF_8)).results()
        .forEach(m -> fileOfProcess.put(m.group(1), name)));
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    while (ordered.size() < models.size()) {
      int before = ordered.size();
      models.forEach((name, bpmn) -> {
        if (!ordered.containsKey(name) && CALLED.matcher(new String(bpmn, StandardCharsets.UTF_8)).results()
            .map(m -> fileOfProcess.get(m.group(1)))
            .allMatch(file -> file == null || file.equals(name) || ordered.containsKey(file))) {
          ordered.put(name, bpmn);
        }
      });
      if (ordered.size() == before) { // models calling each other: any order, the guard names what is missing
        models.forEach(ordered::putIfAbsent);
      }
    }
    return ordered;
  }

  private void deploy(ProcessEngine engine, String name, Map<String, byte[]> resources) {
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(name).source(SOURCE).enableDuplicateFiltering(false);
    resources.forEach((resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
    var deployment = builder.deployWithResult();
    LOG.info("Model {}: deployment {} ({} resources)", name, deployment.getId(), resources.size());
  }

  private Map<String, byte[]> load(String pattern) {
    Map<String, byte[]> result = new TreeMap<>();
    try {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          result.put(resource.getFilename(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pattern, e);
    }
    return result;
  }

  private static String baseName(String file) {
    return file.substring(0, file.lastIndexOf('.'));
  }
}
