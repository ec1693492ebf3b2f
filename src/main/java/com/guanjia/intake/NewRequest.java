package com.guanjia.intake;

import com.guanjia.process.Category;
import com.guanjia.process.Channel;
import com.guanjia.process.RequestType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/requests} (DOMAIN.md). Enum fields are text so a wrong one is named. Beyond the
 * contract's fields a registrar may raise the request to urgent ({@code urgent: true}) with a reason
 * ({@code urgentReason}), which the case records.
 */
record NewRequest(
    @NotNull @KnownValue(RequestType.class) String type,
    @NotNull @KnownValue(Category.class) String category,
    @NotNull @KnownValue(Channel.class) String channel,
    @NotBlank @Size(min = 1, max = 2000) String description,
    @Size(max = 32) String residentId,
    @Size(max = 200) String location,
    Boolean urgent,
    @Size(max = 500) String urgentReason) {

  /** A request as the contract's six fields give it: the triage decides its priority. */
  NewRequest(String type, String category, String channel, String description, String residentId, String location) {
    this(type, category, channel, description, residentId, location, null, null);
  }

  /** The registrar raised it to urgent (danger to people or property the description's words did not show). */
  boolean raisedUrgent() { return Boolean.TRUE.equals(urgent); }

  RequestType requestType() { return RequestType.valueOf(type); }

  Channel requestChannel() { return Channel.valueOf(channel); }
}
