package com.guanjia.archive;

import java.util.List;
import java.util.Optional;

/**
 * The columns of a resident import file. A company names them in Chinese as its own spreadsheets do (the first
 * name is the one Guanjia's template uses); the API's field names are accepted as well. A column that is not in
 * the file leaves that field of an existing resident as it is; a blank cell in a column that is there clears it.
 */
enum ResidentColumn implements SheetColumn {
  RESIDENT_ID(com.guanjia.process.ProcessContract.VAR_RESIDENT_ID, "住户编号", "客户编号"),
  BUILDING("building", "楼栋", "楼号"),
  UNIT("unitId", "房号", "房间号"),
  NAME("name", "姓名", "业主姓名"),
  GENDER("gender", "性别"),
  PHONE("phone", "手机", "手机号", "手机号码", "联系电话"),
  OTHER_PHONES("otherPhones", "其他电话", "备用电话"),
  OCCUPANCY("occupancy", "身份", "业主/租户"),
  HOUSEHOLD("household", "家庭成员"),
  VIP("vip", "VIP", "重要客户"),
  ELDERLY("elderly", "高龄", "高龄老人"),
  DISABLED("disabled", "行动不便", "残障"),
  HARD_OF_HEARING("hardOfHearing", "听力不好", "听障"),
  SPECIAL_NEEDS_NOTE("specialNeedsNote", "特殊需要说明", "特殊需要"),
  LANGUAGE("preferredLanguage", "语言"),
  CHANNEL("preferredChannel", "通知渠道", "通知方式"),
  EMAIL("email", "邮箱", "电子邮箱"),
  WECHAT_OPEN_ID("wechatOpenId", "微信openid", "微信 openid"),
  MOVED_IN_ON("movedInOn", "入住日期", "入伙日期");

  /** Columns a file must have: without them no row can be matched or added. */
  static final List<ResidentColumn> REQUIRED = List.of(UNIT, NAME, PHONE);

  final String field;
  final String header;
  private final List<String> names;

  ResidentColumn(String field, String header, String... aliases) {
    this.field = field;
    this.header = header;
    this.names = SheetColumn.names(field, header, aliases);
  }

  @Override
  public String field() {
    return field;
  }

  @Override
  public String header() {
    return header;
  }

  @Override
  public List<String> names() {
    return names;
  }

  /** The column whose field a validation message names. */
  static Optional<ResidentColumn> ofField(String field) {
    for (ResidentColumn column : values()) {
      if (column.field.equals(field)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }
}
