package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.GROUP_PROJECT_MANAGER;
import static com.guanjia.process.ProcessContract.GROUP_SUPERVISOR;

import com.guanjia.process.RequestVariables;
import com.guanjia.security.CurrentUser;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/weather-notices}: supervisors and project managers post a severe-weather notice (a period
 * and a text, 暴雨橙色预警); while it is active every message to a resident ends with its safety
 * reminder (R8). Anyone signed in may list the current ones.
 */
@RestController
@RequestMapping("/api/weather-notices")
class WeatherNoticeController {
  private final WeatherNotices notices;
  private final ForbiddenPhrases forbidden;
  private final CurrentUser user;
  private final com.guanjia.GuanjiaProperties properties;
  private final java.time.Clock clock;

  WeatherNoticeController(WeatherNotices notices, ForbiddenPhrases forbidden, CurrentUser user,
      com.guanjia.GuanjiaProperties properties, java.time.Clock clock) {
    this.clock = clock;
    this.notices = notices;
    this.forbidden = forbidden;
    this.user = user;
    this.properties = properties;
  }

  /** Times as ISO-8601 ({@code 2026-07-20T08:00+08:00}; without an offset: the property's time zone). */
  record NewNotice(@NotBlank @Size(min = 2, max = 200) String text, @NotNull String startsAt, @NotNull String endsAt) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<WeatherNotices.WeatherNotice> post(@Valid @RequestBody NewNotice body) {
    mayPost();
    OffsetDateTime starts = RequestVariables.parseDateTime("startsAt", body.startsAt(), properties.timeZone());
    OffsetDateTime ends = RequestVariables.parseDateTime("endsAt", body.endsAt(), properties.timeZone());
    if (!ends.isAfter(starts)) {
      throw new InvalidFieldException("endsAt", "must be after startsAt");
    }
    if (!ends.isAfter(OffsetDateTime.now(clock))) {
      throw new InvalidFieldException("endsAt", "must be in the future");
    }
    forbidden.check("text", body.text());
    var notice = notices.post(body.text().strip(), starts, ends, user.id());
    return ResponseEntity.created(URI.create("/api/weather-notices/" + notice.id())).body(notice);
  }

  @GetMapping
  List<WeatherNotices.WeatherNotice> current() {
    return notices.current();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> withdraw(@PathVariable long id) {
    mayPost();
    if (!notices.withdraw(id, user.id())) {
      throw new NotFoundException("No weather notice " + id + " in force");
    }
    return ResponseEntity.noContent().build();
  }

  private void mayPost() {
    if (!user.inAnyGroup(GROUP_SUPERVISOR, GROUP_PROJECT_MANAGER)) {
      throw new ForbiddenException("only supervisors and project managers post weather notices");
    }
  }
}
