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

  /** A mainland mobile number (11 digits from 13–19, spaces or dashes allowed) standing on its own in a text. */
  private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile(
      "(?<![0-9])(?:\\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])");
  /** A resident ID-card number: 17 digits and a digit or X. */
  private static final java.util.regex.Pattern ID_CARD = java.util.regex.Pattern.compile(
      "(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])");

  /**
   * Free text with the phone and ID-card numbers residents type into it masked ("请联系我 13812345678" → "请联系我
   * 138****5678"): what staff write and residents tell us shows everywhere, their numbers do not (R10).
   */
  public static String freeText(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = ID_CARD.matcher(text).replaceAll("$1********$2");
    return MOBILE.matcher(masked).replaceAll("$1****$3");
  }

  /**
   * A place as staff wrote it ("3-2-1101", "5号楼东门"): its first part (the building) stays, the rest is hidden
   * ("3-****"), as the address is.
   */
  public static String location(String location) {
    if (location == null || location.isBlank()) {
      return location;
    }
    String text = freeText(location.strip());
    int cut = text.indexOf('-');
    if (cut > 0) {
      return text.substring(0, cut) + "-****";
    }
    int first = text.offsetByCodePoints(0, Math.min(2, text.codePointCount(0, text.length())));
    return text.substring(0, first) + "****";
  }

  /** Keeps the building, hides the unit. */
  public static String address(String buildingName) {
    return buildingName == null ? null : buildingName + " ****";
  }
}
