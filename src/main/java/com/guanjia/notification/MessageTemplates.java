package com.guanjia.notification;

import com.guanjia.GuanjiaProperties;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The message templates (R6): one Mustache file per event, audience and locale, in a folder a
 * supervisor edits. All are read and checked when the application starts: a template that names no
 * known event, lacks its Chinese original, fails to compile or contains a forbidden phrase stops the
 * start with a message naming the file.
 */
@Component
public class MessageTemplates {
  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
  private static final Pattern NAME = Pattern.compile("([A-Z_]+)\\.(resident|staff)\\.([a-zA-Z-]+)\\.mustache");

  /** What residents hear about; each needs a Chinese template. */
  static final Set<String> RESIDENT_EVENTS;
  /** What staff hear about; each needs a Chinese template. */
  static final Set<String> STAFF_EVENTS = Set.of(StaffNotices.ESCALATED, StaffNotices.ESCALATION_ASSIGNED,
      StaffNotices.ESCALATION_CLOSED, StaffNotices.CASE_REOPENED, StaffNotices.NEW_TASK, StaffNotices.CASE_CHANGED);

  static {
    Set<String> events = new TreeSet<>();
    for (Notice n : Notice.values()) {
      events.add(n.name());
    }
    events.add(ResidentNotices.ETA_CHANGED);
    events.add(ResidentNotices.CALLBACK_SURVEY);
    RESIDENT_EVENTS = Set.copyOf(events);
  }

  private record Key(String event, String audience, String languageTag) {}

  private final Map<Key, Template> templates = new HashMap<>();

  MessageTemplates(ResourcePatternResolver resources, ForbiddenPhrases forbidden, GuanjiaProperties properties) {
    String folder = properties.notifications().templates();
    Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);
    try {
      for (Resource file : resources.getResources(folder + (folder.endsWith("/") ? "" : "/") + "*.mustache")) {
        String name = file.getFilename();
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
          throw new IllegalStateException("message template " + name
              + ": the name must be <EVENT>.<resident|staff>.<locale>.mustache, e.g. RECEIVED.resident.zh-CN.mustache");
        }
        String text = file.getContentAsString(StandardCharsets.UTF_8).strip();
        forbidden.findIn(text).ifPresent(phrase -> {
          throw new IllegalStateException("message template %s contains the forbidden phrase “%s” (服务禁语)"
              .formatted(name, phrase));
        });
        Set<String> known = "resident".equals(m.group(2)) ? RESIDENT_EVENTS : STAFF_EVENTS;
        if (!known.contains(m.group(1))) {
          throw new IllegalStateException("message template " + name + ": no such event; known: " + known);
        }
        Locale locale = Locale.forLanguageTag(m.group(3));
        try {
          templates.put(new Key(m.group(1), m.group(2), locale.toLanguageTag()), compiler.compile(text));
        } catch (RuntimeException e) {
          throw new IllegalStateException("message template " + name + " is not valid Mustache: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("message templates in " + folder + " cannot be read", e);
    }
    for (String audience : new String[] {"resident", "staff"}) {
      for (String event : "resident".equals(audience) ? RESIDENT_EVENTS : STAFF_EVENTS) {
        if (!templates.containsKey(new Key(event, audience, CHINESE.toLanguageTag()))) {
          throw new IllegalStateException("message template %s.%s.zh-CN.mustache is missing in %s"
              .formatted(event, audience, folder));
        }
      }
    }
  }

  /** The text of a message; a locale without a template of its own gets the Chinese one. */
  public String render(String event, String audience, Locale locale, Map<String, ?> values) {
    Template template = templates.get(new Key(event, audience, locale.toLanguageTag()));
    if (template == null) {
      template = templates.get(new Key(event, audience, locale.getLanguage()));
    }
    if (template == null) {
      template = templates.get(new Key(event, audience, CHINESE.toLanguageTag()));
    }
    if (template == null) {
      throw new IllegalArgumentException("no message template " + event + "." + audience);
    }
    // a note someone wrote (a callback's comment) goes out with its phone numbers masked, as it is stored (R10)
    var shown = new java.util.HashMap<String, Object>(values);
    shown.replaceAll((name, value) -> value instanceof String text
        && com.guanjia.process.ProcessContract.FREE_TEXT_VARIABLES.contains(name)
        ? com.guanjia.resident.Masking.freeText(text) : value);
    return template.execute(shown).strip();
  }

  /** Whether a locale has templates of its own (else residents choosing it read Chinese). */
  public boolean speaks(Locale locale) {
    return templates.keySet().stream().anyMatch(k -> k.languageTag().equals(locale.toLanguageTag())
        || k.languageTag().equals(locale.getLanguage()));
  }
}
