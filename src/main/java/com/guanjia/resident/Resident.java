package com.guanjia.resident;

/**
 * A resident as the archive knows them, decrypted. Never put into process variables (R10): processes
 * carry the {@code residentId} only.
 */
public record Resident(
    String residentId,
    String zoneId,
    String buildingName,
    String unitId,
    String name,
    String phone,
    String gender,
    boolean needsAssistance,
    String specialNeeds,
    boolean vip) {

  public String address() {
    return buildingName + " " + unitId;
  }
}
