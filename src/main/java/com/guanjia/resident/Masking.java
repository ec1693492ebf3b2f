package com.guanjia.resident;

/** Masks personal data for people whose role does not need it (R10): 138****1234, 王**. */
public final class Masking {
  private Masking() {}

  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("\\s", "");
    if (digits.length() < 7) {
      return "*".repeat(digits.length());
    }
    return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
  }

  public static String name(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }

  /** Keeps the building, hides the unit. */
  public static String address(String buildingName) {
    return buildingName == null ? null : buildingName + " ****";
  }
}
