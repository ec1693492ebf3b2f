package com.guanjia.archive;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/residents} and {@code PUT /api/residents/{residentId}}: a resident as the
 * front desk enters them. Phones are a mainland mobile (11 digits) or a landline with its area code. A unit
 * the archive does not know yet is added to {@code building} (its id, name or number: "B03", "3号楼", "3").
 */
record ResidentForm(
    @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only") String residentId,
    @NotBlank @Size(max = 32) String unitId,
    @NotBlank @Size(max = 50) @Pattern(regexp = "[^\\n\\r]*", message = "one line") String name,
    @NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String phone,
    @Size(max = 5) List<@NotBlank @Pattern(regexp = PHONE, message = PHONE_MESSAGE) String> otherPhones,
    @Pattern(regexp = "MALE|FEMALE", message = "MALE or FEMALE") String gender,
    @NotNull @Pattern(regexp = "OWNER|TENANT", message = "OWNER or TENANT") String occupancy,
    @Size(max = 10) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[^\\n\\r]*", message = "one line") String> household,
    boolean vip,
    boolean elderly,
    boolean disabled,
    boolean hardOfHearing,
    @Size(max = 100) String specialNeedsNote,
    @Pattern(regexp = "zh-CN|en", message = "zh-CN or en") String preferredLanguage,
    @Pattern(regexp = "SMS|WECHAT|EMAIL|APP", message = "SMS, WECHAT, EMAIL or APP") String preferredChannel,
    @Size(max = 254) @jakarta.validation.constraints.Email String email,
    @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "a WeChat openid") String wechatOpenId,
    LocalDate movedInOn,
    @Size(max = 100) String building) {

  static final String PHONE = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}";
  static final String PHONE_MESSAGE = "a mobile number (11 digits) or a landline with its area code";

  /** What is wrong with {@code field}, said to the front desk in Chinese (the page and import reports). */
  static String problem(String field, String fallback) {
    return switch (field) {
      case "phone" -> "不是11位手机号，也不是带区号的固话";
      case "otherPhones" -> "有号码不是11位手机号或带区号的固话（最多5个）";
      case "name" -> "姓名必填，一行，最多50字";
      case "unitId" -> "房号必填（楼栋-单元-房间，如 1-1-0101），最多32位";
      case com.guanjia.process.ProcessContract.VAR_RESIDENT_ID -> "住户编号只能有字母、数字和“-”，最多32位";
      case "household" -> "家庭成员最多10人，每人最多50字";
      case "specialNeedsNote" -> "最多100字";
      case "email" -> "不是有效的邮箱地址";
      case "wechatOpenId" -> "不是微信 openid";
      case "occupancy" -> "请选择业主或租户";
      default -> fallback;
    };
  }
}
