package com.guanjia.intake;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.intake.RequestRecords.RequestRecord;
import com.guanjia.operations.Counters;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.process.InvalidVariableException;
import com.guanjia.process.RequestType;
import com.guanjia.web.ConflictException;
import com.guanjia.web.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jakarta.validation.Validator;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a request: checks it, draws a request number, stores Guanjia's record and starts the
 * {@code service-request} case, all in one transaction, so bad input or a failure leaves nothing behind.
 */
@Service
class Intake {
  private final RequestRecords records;
  private final RequestNumbers numbers;
  private final ResidentArchive residents;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;
  private final Validator validator;
  private final Clock clock;
  private final Counters counters;
  private final org.camunda.bpm.engine.IdentityService identity;

  Intake(RequestRecords records, RequestNumbers numbers, ResidentArchive residents, RuntimeService runtime,
      PlatformTransactionManager transactions, Validator validator, Clock clock, Counters counters,
      org.camunda.bpm.engine.IdentityService identity) {
    this.identity = identity;
    this.validator = validator;
    this.records = records;
    this.numbers = numbers;
    this.residents = residents;
    this.runtime = runtime;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.counters = counters;
  }

  record Registered(String requestNo, boolean created) {}

  Registered register(NewRequest request, String idempotencyKey, String registeredBy) {
    String hash = hash(request);
    if (idempotencyKey != null) {
      Optional<Registered> earlier = replay(registeredBy, idempotencyKey, hash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    checkUrgency(request);
    var standing = checkResident(request);
    String requestNo = numbers.next();
    try {
      transaction.executeWithoutResult(status -> start(requestNo, request, standing, idempotencyKey, registeredBy,
          hash));
      counters.requestRegistered(request.type(), request.channel());
      return new Registered(requestNo, true);
    } catch (DuplicateKeyException sameKeyAtTheSameMoment) {
      if (idempotencyKey == null) {
        throw sameKeyAtTheSameMoment;
      }
      return replay(registeredBy, idempotencyKey, hash).orElseThrow(() -> sameKeyAtTheSameMoment);
    }
  }

  private void start(String requestNo, NewRequest request, ResidentArchive.Standing standing, String idempotencyKey,
      String registeredBy, String hash) {
    String residentId = blankToNull(request.residentId());
    // The key row goes in first: a second submission with the same key waits on it, then replays.
    records.insert(new RequestRecord(requestNo, null, request.type(), request.category(), request.channel(),
        residentId, blankToNull(request.location()), registeredBy, OffsetDateTime.now(clock), hash,
        standing.projectId()), idempotencyKey,
        standing.projectId());
    records.keepDescription(requestNo, request.description().strip());
    var variables = Variables.createVariables()
        .putValue(VAR_REQUEST_NO, requestNo)
        .putValue(VAR_TYPE, request.type())
        .putValue(VAR_CATEGORY, request.category())
        .putValue(VAR_CHANNEL, request.channel())
        .putValue(VAR_DESCRIPTION, request.description().strip())
        .putValue(VAR_RESIDENT_ID, residentId)
        .putValue(VAR_RESIDENT_NEEDS, needs(standing))
        .putValue(VAR_PROJECT_ID, standing.projectId())
        .putValue(VAR_REGISTERED_BY, registeredBy)
        .putValue(VAR_URGENT_RAISED, request.raisedUrgent())
        .putValue(VAR_URGENT_REASON, request.raisedUrgent() ? request.urgentReason().strip() : null)
        .putValue(VAR_ESCALATION_LEVEL, 0);
    var instance = runtime.startProcessInstanceByKey(PROCESS_SERVICE_REQUEST, requestNo, variables);
    records.linkProcessInstance(requestNo, instance.getId());
  }

  /**
   * A staff member registered the request with Tasklist's start form, so its case is already
   * starting: check the form's values as the API would, draw the number and store the record in the
   * starting case's transaction.
   */
  /** A request registered in a starting case: its number and the resident's special needs (null when none). */
  record Starting(String requestNo, String residentNeeds, String projectId) {}

  Starting registerStartingCase(NewRequest request, String registeredBy, String processInstanceId) {
    var violations = validator.validate(request);
    if (!violations.isEmpty()) {
      var first = violations.stream().min(java.util.Comparator.comparing(v -> v.getPropertyPath().toString())).get();
      throw new InvalidVariableException(first.getPropertyPath().toString(), first.getMessage());
    }
    ResidentArchive.Standing standing;
    try {
      checkUrgency(request);
      standing = checkResident(request);
    } catch (InvalidFieldException e) {
      throw new InvalidVariableException(e.field(), e.getMessage());
    }
    String requestNo = numbers.next();
    records.insert(new RequestRecord(requestNo, processInstanceId, request.type(), request.category(),
        request.channel(), blankToNull(request.residentId()), blankToNull(request.location()), registeredBy,
        OffsetDateTime.now(clock), hash(request), standing.projectId()), null, standing.projectId());
    records.keepDescription(requestNo, request.description() == null ? null : request.description().strip());
    counters.requestRegistered(request.type(), request.channel()); // when the starting case commits
    return new Starting(requestNo, needs(standing), standing.projectId());
  }

  /** A case that arrives with a request number must be the one this intake is starting right now. */
  void confirmStartingCase(String requestNo) {
    var record = records.find(requestNo);
    if (record.isEmpty() || record.get().processInstanceId() != null) {
      throw new InvalidVariableException(VAR_REQUEST_NO,
          "request numbers are given by Guanjia: register through the start form or POST /api/requests");
    }
  }

  private Optional<Registered> replay(String registeredBy, String idempotencyKey, String hash) {
    return records.findByIdempotencyKey(registeredBy, idempotencyKey).map(earlier -> {
      if (!Objects.equals(earlier.payloadHash(), hash)) {
        throw new ConflictException("Idempotency-Key",
            "This Idempotency-Key was used for a different request (" + earlier.requestNo() + ")");
      }
      return new Registered(earlier.requestNo(), false);
    });
  }

  /** The resident's special needs as the case carries them: comma-separated flags, null when none. */
  private static String needs(ResidentArchive.Standing standing) {
    return standing.needs().isEmpty() ? null : String.join(",", standing.needs());
  }

  /**
   * Refuses a request for nobody (where one is needed) or for someone not living here; returns what the case
   * needs to know of the resident (nobody: no needs, no project).
   */
  private ResidentArchive.Standing checkResident(NewRequest request) {
    String residentId = blankToNull(request.residentId());
    if (residentId == null) {
      // R11: a problem found on a patrol or raised at an owners' meeting may concern no single resident.
      if (!request.requestChannel().raisedByStaff() || request.requestType() == RequestType.ESCORT) {
        throw new InvalidFieldException(VAR_RESIDENT_ID, "is required for this channel and type");
      }
      return new ResidentArchive.Standing(ResidentArchive.Residency.NOT_IN_ARCHIVE, List.of(), null);
    }
    var standing = residents.standing(residentId);
    switch (standing.residency()) {
      case NOT_IN_ARCHIVE -> throw new InvalidFieldException(VAR_RESIDENT_ID, "no resident " + residentId + " in the archive");
      case MOVED_OUT -> throw new InvalidFieldException(VAR_RESIDENT_ID, "resident " + residentId + " has moved out");
      case LIVES_HERE -> { }
    }
    var caller = identity.getCurrentAuthentication();
    if (standing.projectId() != null && caller != null && caller.getTenantIds() != null
        && !caller.getTenantIds().contains(standing.projectId())
        && (caller.getGroupIds() == null || !caller.getGroupIds().contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN))) {
      // staff of one project (管理处) register its residents' requests, not another's (they could not see the case)
      throw new InvalidFieldException(VAR_RESIDENT_ID, "resident " + residentId + " lives in project "
          + standing.projectId() + ", which " + caller.getUserId() + " does not work for");
    }
    return standing;
  }

  /**
   * The front desk may raise a request to urgent where its words do not show the danger, with a reason; a request
   * the triage never makes urgent (an inquiry, a suggestion, an escort booking) cannot be.
   */
  private static void checkUrgency(NewRequest request) {
    if (!request.raisedUrgent()) {
      return;
    }
    if (blankToNull(request.urgentReason()) == null) {
      throw new InvalidFieldException(VAR_URGENT_REASON, "请说明提为紧急的原因 (a reason is required to raise a request to urgent)");
    }
    if (Set.of(RequestType.INQUIRY, RequestType.SUGGESTION, RequestType.ESCORT).contains(request.requestType())) {
      throw new InvalidFieldException("urgent", "咨询、建议和接送预约不能提为紧急 (" + request.type() + " cannot be raised to urgent)");
    }
  }

  private static String hash(NewRequest r) {
    String canonical = String.join("\u0000", r.type(), r.category(), r.channel(), r.description().strip(),
        Objects.toString(blankToNull(r.residentId()), ""), Objects.toString(blankToNull(r.location()), ""))
        + (r.raisedUrgent() ? "\u0000URGENT\u0000" + Objects.toString(blankToNull(r.urgentReason()), "") : "");
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
