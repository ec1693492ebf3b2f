package com.guanjia.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.guanjia.test.Api;
import com.guanjia.test.GuanjiaTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's webapps speak Simplified Chinese first: each app serves our zh-CN translation, which has
 * every label Camunda's English file has, with the same placeholders, and its config makes it the default.
 */
@GuanjiaTest
class WebappLocalesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
  private static final ObjectMapper JSON = new ObjectMapper();
  @LocalServerPort int port;

  private static Map<String, String> flat(JsonNode node, String prefix, Map<String, String> into) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        flat(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), into);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flat(node.get(i), prefix + "[" + i + "]", into);
      }
    } else {
      into.put(prefix, node.asText());
    }
    return into;
  }

  private static Map<String, String> english(String app) throws IOException {
    try (InputStream in = WebappLocalesTest.class.getResourceAsStream(
        "/META-INF/resources/webjars/camunda/app/" + app + "/locales/en.json")) {
      assertThat(in).as("Camunda's English labels of " + app).isNotNull();
      byte[] bytes = in.readAllBytes();
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "");
      return flat(JSON.readTree(text), "", new TreeMap<>());
    }
  }

  private static TreeSet<String> placeholders(String text) {
    TreeSet<String> found = new TreeSet<>();
    PLACEHOLDER.matcher(text).results().forEach(m -> found.add(m.group().replace(" ", "")));
    return found;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void eachAppServesAChineseTranslationOfEveryLabel(String app) throws IOException {
    Api api = new Api(port);
    var response = api.get(null, "/camunda/app/" + app + "/locales/zh-CN.json");
    assertThat(response.status()).isEqualTo(200);
    Map<String, String> chinese = flat(JSON.readTree(response.body().replace("\uFEFF", "")), "", new TreeMap<>());
    Map<String, String> english = english(app);
    assertThat(chinese.keySet()).as(app).containsExactlyInAnyOrderElementsOf(english.keySet());
    long han = chinese.values().stream().filter(v -> v.codePoints().anyMatch(
        c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count();
    assertThat(han).as("labels in Chinese").isGreaterThan(english.size() * 8L / 10);
    english.forEach((key, text) -> assertThat(placeholders(chinese.get(key))).as(app + " " + key)
        .isEqualTo(placeholders(text)));

    var config = api.get(null, "/camunda/app/" + app + "/scripts/config.js");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body().replaceAll("\\s+", " ")).contains("availableLocales: ['zh-CN', 'en']")
        .contains("fallbackLocale: 'zh-CN'");
  }

  @Test
  void cockpitIsNamedAfterGuanjia() {
    var config = new Api(port).get(null, "/camunda/app/cockpit/scripts/config.js");
    assertThat(config.body()).contains("name: '管家'");
  }
}
