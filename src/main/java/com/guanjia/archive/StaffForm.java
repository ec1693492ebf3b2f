package com.guanjia.archive;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code PUT /api/staff/{userId}}: a member of staff as supervisors keep them. {@code trade} is the
 * Camunda group they work in (their tasks come from it); {@code zones} the responsibility zones they serve in it
 * (butler, maintenance, cleaning, security, landscaping only). {@code password}: only to give a new account its
 * first password (otherwise the administrator sets it in Camunda Admin). {@code projectId}: the project (管理处) they
 * work for, whose cases only they then see; none: company-wide.
 */
record StaffForm(
    @NotBlank @Size(max = 50) @Pattern(regexp = "[^\\n\\r]*", message = "one line") String displayName,
    @NotNull @Pattern(regexp = StaffMaintenance.TRADE_PATTERN, message = "one of " + StaffMaintenance.TRADE_LIST)
    String trade,
    @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "digits, '-', '+' and spaces") String workPhone,
    @Size(max = 64) String supervisorId,
    Boolean active,
    @Size(max = 20) List<@NotBlank @Size(max = 32) String> zones,
    @Size(max = 254) @Email String email,
    @Size(min = 8, max = 64) String password,
    @Size(max = 32) String projectId) {

  boolean isActive() {
    return active == null || active;
  }

  List<String> zoneList() {
    return zones == null ? List.of() : zones.stream().map(String::strip).distinct().toList();
  }
}
