package com.guanjia.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.guanjia.GuanjiaProperties;
import com.guanjia.process.InvalidVariableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The shipped templates and forbidden phrases, and what loading refuses. */
class MessageTemplatesTest {
  private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

  private static GuanjiaProperties folder(String templates) {
    return new GuanjiaProperties(ZoneId.of("Asia/Shanghai"), null, null, null, null, null,
        new GuanjiaProperties.Notifications(templates, "classpath:/notifications/forbidden-phrases.txt", null, null,
            null, null));
  }

  private static ForbiddenPhrases shippedPhrases() {
    return new ForbiddenPhrases(new DefaultResourceLoader(), folder("classpath:/notifications/"));
  }

  @Test
  void everyResidentEventHasAChineseAndAnEnglishTemplateThatFillsItsValues() {
    var templates = new MessageTemplates(RESOURCES, shippedPhrases(), folder("classpath:/notifications/"));
    // values without Chinese characters: what is Chinese in a text then comes from its template
    Map<String, Object> values = Map.of("requestNo", "GJ-20261125-0007", "typeLabel", "repair", "staffName", "Zhou",
        "staffPhone", "0571-8888-6001", "time", "26 Nov 18:00", "reason", "parts late", "link", "https://x/s/abc");
    for (String event : MessageTemplates.RESIDENT_EVENTS) {
      for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
        String text = templates.render(event, "resident", locale, values);
        assertThat(text).as(event + " " + locale).contains("GJ-20261125-0007").doesNotContain("{{", "}}")
            .doesNotStartWith("您好").doesNotStartWith("Hello");
        assertThat(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
            .as(event + " " + locale + " is in its language").isEqualTo(locale.getLanguage().equals("zh"));
      }
    }
    Map<String, Object> staffValues = Map.ofEntries(Map.entry("requestNo", "GJ-20261125-0007"),
        Map.entry("raised", true), Map.entry("merged", true), Map.entry("handled", true), Map.entry("level", "L1"),
        Map.entry("why", "late"), Map.entry("what", "response"), Map.entry("by", "Huang"),
        Map.entry("action", "called"), Map.entry("taskName", "Review"), Map.entry("ownerName", "Zhou"),
        Map.entry("time", "26 Nov 18:00"), Map.entry("comment", "again"), Map.entry("dueTime", "18:00"),
        Map.entry("eta", true), Map.entry("waiting", true), Map.entry("resumed", true), Map.entry("reason", "parts"),
        Map.entry("minutes", 30));
    for (String event : MessageTemplates.STAFF_EVENTS) {
      for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
        assertThat(templates.render(event, "staff", locale, staffValues)).as(event + " " + locale)
            .contains("GJ-20261125-0007").doesNotContain("{{", "}}");
      }
    }
    assertThat(templates.render("ESCALATED", "staff", Locale.SIMPLIFIED_CHINESE, Map.of("requestNo", "GJ-1",
        "raised", true, "level", "一级（主管）"))).isEqualTo("您负责的请求 GJ-1 已升级至一级（主管）督办，请尽快处理。");
    assertThat(templates.speaks(Locale.ENGLISH)).isTrue();
    assertThat(templates.speaks(Locale.JAPANESE)).isFalse();
    assertThat(templates.render("RECEIVED", "resident", Locale.JAPANESE, values)).startsWith("您的repair已受理");
  }

  @Test
  void aTemplateWithAForbiddenPhraseStopsTheStartNamingFileAndPhrase(@TempDir Path dir) throws Exception {
    for (String event : MessageTemplates.RESIDENT_EVENTS) {
      Files.writeString(dir.resolve(event + ".resident.zh-CN.mustache"), "请求 {{requestNo}} 已收到。");
    }
    for (String event : MessageTemplates.STAFF_EVENTS) {
      Files.writeString(dir.resolve(event + ".staff.zh-CN.mustache"), "请求 {{requestNo}} 请处理。");
    }
    Files.writeString(dir.resolve("COMPLETED.resident.zh-CN.mustache"), "请求 {{requestNo}} 已完成，其他问题我不管。");
    assertThatThrownBy(() -> new MessageTemplates(RESOURCES, shippedPhrases(), folder(dir.toUri().toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("COMPLETED.resident.zh-CN.mustache").hasMessageContaining("我不管");
  }

  @Test
  void aMissingChineseTemplateOrAnUnknownEventStopsTheStart(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("RECEIVED.resident.zh-CN.mustache"), "请求 {{requestNo}} 已受理。");
    assertThatThrownBy(() -> new MessageTemplates(RESOURCES, shippedPhrases(), folder(dir.toUri().toString())))
        .hasMessageContaining(".resident.zh-CN.mustache is missing");
    Files.writeString(dir.resolve("RECEVIED.resident.en.mustache"), "typo");
    assertThatThrownBy(() -> new MessageTemplates(RESOURCES, shippedPhrases(), folder(dir.toUri().toString())))
        .hasMessageContaining("RECEVIED.resident.en.mustache: no such event");
  }

  @Test
  void staffTextWithAForbiddenPhraseGoesBackToTheWriterWhateverTheSpacing() {
    var phrases = shippedPhrases();
    assertThat(phrases.size()).isGreaterThan(10);
    assertThatThrownBy(() -> phrases.check("reason", "这个 不归 我管，请联系开发商"))
        .isInstanceOf(InvalidVariableException.class)
        .satisfies(e -> assertThat(((InvalidVariableException) e).field()).isEqualTo("reason"))
        .hasMessageContaining("不归我管").hasMessageContaining("请换一种说法");
    assertThat(phrases.findIn("你问我, 我问谁")).contains("你问我,我问谁");
    assertThat(phrases.findIn("配件明天到货，我们下午两点上门更换")).isEmpty();
    phrases.check("remedy", null);
  }

  @Test
  void surnamesOfChineseCompoundAndWesternNames() {
    assertThat(Courtesy.surname("王建国")).isEqualTo("王");
    assertThat(Courtesy.surname("欧阳娜娜")).isEqualTo("欧阳");
    assertThat(Courtesy.surname("John Smith")).isEqualTo("Smith");
    assertThat(Courtesy.surname("  ")).isNull();
  }
}
