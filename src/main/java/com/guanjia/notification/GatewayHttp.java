package com.guanjia.notification;

import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client the gateways (SMS, WeChat) share: the JDK's blocking HTTP/1.1 connection with
 * keep-alive and the configured timeouts. A sender thread waits for the gateway anyway; the JDK's
 * asynchronous client behind Spring's {@code JdkClientHttpRequestFactory} handed each request between
 * four threads and took 10-12 ms more per text than the gateway's own time (MessageDeliveryBenchmark:
 * 61 ms against 57 ms for a gateway answering in 50 ms).
 */
final class GatewayHttp {
  private GatewayHttp() {}

  static RestClient client(Duration connectTimeout, Duration readTimeout) {
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(connectTimeout);
    requests.setReadTimeout(readTimeout);
    return RestClient.builder().requestFactory(requests).build();
  }
}
