package com.guanjia.resident;

/**
 * A resident as the archive knows them, decrypted. Never put into process variables (R10): processes
 * carry the {@code residentId} only.
 *
 * @param needs what staff serving the resident need to know, as flags only (never the notes):
 *     {@code ELDERLY}, {@code DISABLED}, {@code HARD_OF_HEARING}, in that order
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
    boolean vip,
    java.util.List<String> needs) {

  /** A resident with no special-needs flags of their own ({@code needsAssistance} aside). */
  public Resident(String residentId, String zoneId, String buildingName, String unitId, String name, String phone,
      String gender, boolean needsAssistance, String specialNeeds, boolean vip) {
    this(residentId, zoneId, buildingName, unitId, name, phone, gender, needsAssistance, specialNeeds, vip,
        java.util.List.of());
  }

  public String address() {
    return buildingName + " " + unitId;
  }
}
