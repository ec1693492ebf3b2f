package com.guanjia.intake;

import com.guanjia.process.Category;
import com.guanjia.process.Channel;
import com.guanjia.process.RequestType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/requests} (DOMAIN.md). Enum fields are text so a wrong one is named. */
record NewRequest(
    @NotNull @KnownValue(RequestType.class) String type,
    @NotNull @KnownValue(Category.class) String category,
    @NotNull @KnownValue(Channel.class) String channel,
    @NotBlank @Size(min = 1, max = 2000) String description,
    @Size(max = 32) String residentId,
    @Size(max = 200) String location) {

  RequestType requestType() { return RequestType.valueOf(type); }

  Channel requestChannel() { return Channel.valueOf(channel); }
}
