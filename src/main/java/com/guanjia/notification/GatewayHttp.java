package com.guanjia.notification;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The HTTP client the gateways (SMS, WeChat) share: HTTP/1.1 and the configured timeouts. */
final class GatewayHttp {
  private GatewayHttp() {}

  static RestClient client(Duration connectTimeout, Duration readTimeout) {
    // HTTP/1.1: gateways rarely speak cleartext HTTP/2, and the upgrade attempt breaks some
    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    var requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(readTimeout);
    return RestClient.builder().requestFactory(requests).build();
  }
}
