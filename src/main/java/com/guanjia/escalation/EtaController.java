package com.guanjia.escalation;

import com.guanjia.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/requests/{requestNo}/eta}: change the promised completion time (R3). */
@RestController
class EtaController {
  private final EtaChanges etas;
  private final CurrentUser user;

  EtaController(EtaChanges etas, CurrentUser user) {
    this.etas = etas;
    this.user = user;
  }

  /** {@code eta} as ISO-8601 date-time ({@code 2026-11-24T18:00+08:00}; without offset: the property's zone). */
  record EtaRequest(@NotNull String eta, @NotBlank @Size(max = 500) String reason, @Size(max = 500) String remedy) {}

  @PostMapping(path = "/api/requests/{requestNo}/eta", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  EtaChanges.EtaChange change(@PathVariable String requestNo, @Valid @RequestBody EtaRequest body) {
    return etas.change(requestNo, body.eta(), body.reason(), body.remedy(), user);
  }
}
