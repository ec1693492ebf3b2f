package com.guanjia.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service center as residents reach it ({@code guanjia.service-center.*}): its name and 24-hour duty phone
 * on every zone's service card, and the address its public pages are reached at (the card's QR code).
 */
@ConfigurationProperties("guanjia.service-center")
record ServiceCenter(
    @DefaultValue("物业服务中心") String name,
    @DefaultValue("") String dutyPhone,
    @DefaultValue("http://localhost:8080") String publicUrl) {

  /** The public address of a path, without a doubled slash. */
  String url(String path) {
    return publicUrl.replaceAll("/+$", "") + path;
  }
}
