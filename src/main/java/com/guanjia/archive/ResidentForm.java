package com.guanjia.archive;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code POST /api/residents} and {@code PUT /api/residents/{residentId}}: a resident as the
 * front desk enters them. Phones are a mainland mobile (11 digits) or a landline with its area code.
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
    LocalDate movedInOn) {

  static final String PHONE = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}";
  static final String PHONE_MESSAGE = "a mobile number (11 digits) or a landline with its area code";
}
