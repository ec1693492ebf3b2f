package com.guanjia.resident;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the archive keeps of one resident, decrypted: what the front desk and supervisors maintain
 * ({@code /api/residents}). Never put into process variables (R10).
 *
 * @param occupancy {@code OWNER} or {@code TENANT}
 * @param household the other members of the household, as the company writes them ("李娟（配偶）")
 * @param specialNeedsNote what staff should know beyond the flags (kept from the task list, R10)
 */
public record ResidentDetails(
    String residentId,
    String unitId,
    String name,
    String phone,
    List<String> otherPhones,
    String gender,
    String occupancy,
    List<String> household,
    boolean vip,
    boolean elderly,
    boolean disabled,
    boolean hardOfHearing,
    String specialNeedsNote,
    LocalDate movedInOn,
    LocalDate movedOutOn) {

  /** Elderly or disabled: escorts and callbacks treat them first (R9). */
  public boolean needsAssistance() {
    return elderly || disabled;
  }

  /** The fields whose values differ from {@code other}'s, by their API names (not their values). */
  public List<String> changedFrom(ResidentDetails other) {
    List<String> changed = new java.util.ArrayList<>();
    compare(changed, "unitId", unitId, other.unitId);
    compare(changed, "name", name, other.name);
    compare(changed, "phone", phone, other.phone);
    compare(changed, "otherPhones", otherPhones, other.otherPhones);
    compare(changed, "gender", gender, other.gender);
    compare(changed, "occupancy", occupancy, other.occupancy);
    compare(changed, "household", household, other.household);
    compare(changed, "vip", vip, other.vip);
    compare(changed, "elderly", elderly, other.elderly);
    compare(changed, "disabled", disabled, other.disabled);
    compare(changed, "hardOfHearing", hardOfHearing, other.hardOfHearing);
    compare(changed, "specialNeedsNote", specialNeedsNote, other.specialNeedsNote);
    compare(changed, "movedInOn", movedInOn, other.movedInOn);
    compare(changed, "movedOutOn", movedOutOn, other.movedOutOn);
    return changed;
  }

  private static void compare(List<String> changed, String field, Object mine, Object theirs) {
    if (!java.util.Objects.equals(mine, theirs)) {
      changed.add(field);
    }
  }
}
