package com.guanjia.intake;

import com.guanjia.security.CurrentUser;
import com.guanjia.web.InvalidFieldException;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/requests} and {@code GET /api/requests/{requestNo}} (DOMAIN.md). */
@RestController
@RequestMapping("/api/requests")
class RequestController {
  private final Intake intake;
  private final CaseView caseView;
  private final CurrentUser user;

  RequestController(Intake intake, CaseView caseView, CurrentUser user) {
    this.intake = intake;
    this.caseView = caseView;
    this.user = user;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CaseView.Case> register(@Valid @RequestBody NewRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new InvalidFieldException("Idempotency-Key", "must be 1 to 200 characters");
    }
    Intake.Registered registered = intake.register(request, idempotencyKey, user.id());
    CaseView.Case body = caseView.find(registered.requestNo());
    if (!registered.created()) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(body);
    }
    return ResponseEntity.created(URI.create("/api/requests/" + registered.requestNo())).body(body);
  }

  @GetMapping("/{requestNo}")
  CaseView.Case find(@PathVariable String requestNo) {
    return caseView.find(requestNo);
  }
}
