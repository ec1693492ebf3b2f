package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.InvalidVariableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The company's forbidden phrases (服务禁语, R8): data a supervisor edits, one phrase per line. Nothing
 * that reaches a resident may contain one: templates are checked when they are loaded, text typed by
 * staff when it is submitted. Spaces and full-width/half-width punctuation do not hide a phrase.
 */
@Component
public class ForbiddenPhrases {
  private final List<String> phrases;

  @org.springframework.beans.factory.annotation.Autowired
  ForbiddenPhrases(ResourceLoader resources, GuanjiaProperties properties) {
    this(load(resources, properties.notifications().forbiddenPhrases()));
  }

  ForbiddenPhrases(List<String> phrases) {
    this.phrases = phrases.stream().map(ForbiddenPhrases::normalize).filter(p -> !p.isEmpty()).toList();
  }

  private static List<String> load(ResourceLoader resources, String location) {
    var file = resources.getResource(location);
    try {
      return file.getContentAsString(StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("forbidden phrases " + location + " cannot be read", e);
    }
  }

  /** The first forbidden phrase the text contains. */
  public Optional<String> findIn(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String plain = normalize(text);
    return phrases.stream().filter(plain::contains).findFirst();
  }

  /**
   * Sends text a member of staff typed for a resident back to them when it contains a forbidden
   * phrase: the form shows the message at the field, and nothing of the step is kept.
   */
  public void check(String field, String text) {
    findIn(text).ifPresent(phrase -> {
      throw new InvalidVariableException(field,
          "含有服务禁语“%s”，请换一种说法 (contains the forbidden phrase “%s”; please rephrase)".formatted(phrase, phrase));
    });
  }

  int size() {
    return phrases.size();
  }

  /** Without spaces, with full-width punctuation as half-width, so that 你问我, 我问谁 matches 你问我，我问谁. */
  static String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isWhitespace(c) || c == '\u3000') {
        return;
      }
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFEE0; // full-width ASCII forms
      } else if (c == '、' || c == '，') {
        c = ',';
      } else if (c == '。') {
        c = '.';
      }
      out.appendCodePoint(c);
    });
    return out.toString();
  }
}
