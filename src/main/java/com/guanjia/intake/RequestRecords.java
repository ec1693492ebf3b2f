package com.guanjia.intake;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Guanjia's row per request: who registered it, where, and its idempotency key. */
@Repository
public class RequestRecords {
  private final JdbcClient jdbc;
  private final com.guanjia.resident.PersonalDataCipher cipher;

  RequestRecords(JdbcClient jdbc, com.guanjia.resident.PersonalDataCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  public record RequestRecord(String requestNo, String processInstanceId, String type, String category,
      String channel, String residentId, String location, String registeredBy, OffsetDateTime registeredAt,
      String payloadHash, String projectId) {}

  void insert(RequestRecord r, String idempotencyKey) {
    insert(r, idempotencyKey, null);
  }

  /** Stores a request of project {@code projectId} (its resident's; null when it has none). */
  void insert(RequestRecord r, String idempotencyKey, String projectId) {
    jdbc.sql("""
            insert into service_request (request_no, process_instance_id, type, category, channel, resident_id,
              location, registered_by, registered_at, idempotency_key, payload_hash, project_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.requestNo(), r.processInstanceId(), r.type(), r.category(), r.channel(), r.residentId(),
            r.location(), r.registeredBy(), r.registeredAt(), idempotencyKey, r.payloadHash(), projectId)
        .update();
  }

  /**
   * Keeps the description as the resident told it, encrypted, when the stored one had numbers masked
   * ({@link com.guanjia.resident.Masking#freeText}); nothing when there was nothing to mask.
   */
  void keepDescription(String requestNo, String description) {
    if (description == null || com.guanjia.resident.Masking.freeText(description).equals(description)) {
      return;
    }
    jdbc.sql("update service_request set description_enc = ? where request_no = ?")
        .params(cipher.encrypt(description), requestNo).update();
  }

  /** The description as told, for those who may see the resident's details; empty when nothing was masked. */
  public java.util.Optional<String> descriptionAsTold(String requestNo) {
    return jdbc.sql("select description_enc from service_request where request_no = ?").param(requestNo)
        .query((rs, n) -> rs.getString(1)).list().stream().filter(java.util.Objects::nonNull).findFirst()
        .map(cipher::decrypt);
  }

  void linkProcessInstance(String requestNo, String processInstanceId) {
    jdbc.sql("update service_request set process_instance_id = ? where request_no = ?")
        .params(processInstanceId, requestNo).update();
  }

  public Optional<RequestRecord> find(String requestNo) {
    return jdbc.sql("select * from service_request where request_no = ?").param(requestNo).query(this::map).optional();
  }

  Optional<RequestRecord> findByIdempotencyKey(String registeredBy, String key) {
    return jdbc.sql("select * from service_request where registered_by = ? and idempotency_key = ?")
        .params(registeredBy, key).query(this::map).optional();
  }

  private RequestRecord map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new RequestRecord(rs.getString("request_no"), rs.getString("process_instance_id"), rs.getString("type"),
        rs.getString("category"), rs.getString("channel"), rs.getString("resident_id"), rs.getString("location"),
        rs.getString("registered_by"), rs.getObject("registered_at", OffsetDateTime.class),
        rs.getString("payload_hash"), rs.getString("project_id"));
  }
}
