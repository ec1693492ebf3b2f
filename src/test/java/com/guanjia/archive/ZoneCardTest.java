package com.guanjia.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.guanjia.test.GuanjiaTest;
import com.guanjia.test.WebappSession;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A zone's service card is public (residents open it from the lobby's QR code): it names the zone's staff per
 * trade with their work phones, duties and standards, the supervisor and the duty phone, and nothing about
 * residents; its QR code holds the card's address.
 */
@GuanjiaTest
public class ZoneCardTest {
  @LocalServerPort int port;

  /** What the QR code at {@code path} says, read back as a phone's camera would. */
  public static String decodeQr(int port, String path) throws Exception {
    var png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body()));
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
        .getText();
  }

  @Test
  void anyoneOpensAZonesCardWithItsStaffAndNoResidentOnIt() throws Exception {
    var card = WebappSession.anonymous(port).get("/zones/Z01/card");
    assertThat(card.statusCode()).isEqualTo(200);
    assertThat(card.body()).contains("东区（1–3号楼）", "1号楼", "管家", "维修", "秩序维护（保安）", "15分钟到达现场",
        "保安接送", "0571-86000000", "上级主管");
    // the zone's butler and technician with their work phones
    assertThat(card.body()).contains("孙丽", "139-0000-1001", "郑海", "139-0000-2001", "黄涛");
    // nothing about residents: no resident's name, phone or unit
    assertThat(card.body()).doesNotContain("王建国", "13812341234", "李秀英", "1-1-0101");

    assertThat(decodeQr(port, "/zones/Z01/card/qr.png")).isEqualTo("http://localhost:8080/zones/Z01/card");
    assertThat(WebappSession.anonymous(port).get("/zones/Z99/card").statusCode()).isEqualTo(404);
  }
}
