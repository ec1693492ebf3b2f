package com.guanjia.archive;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /zones/{zoneId}/card}: a zone's service card for residents, printable for the lobby, with a QR code
 * ({@code /zones/{zoneId}/card/qr.png}) that opens it on a phone. Public: it names staff with their work phones
 * and nothing about residents.
 */
@Controller
class ZoneCardPage {
  private final ZoneCards cards;

  ZoneCardPage(ZoneCards cards) {
    this.cards = cards;
  }

  @GetMapping("/zones/{zoneId}/card")
  ModelAndView card(@PathVariable String zoneId) {
    ModelAndView page = new ModelAndView("zone-card");
    var card = cards.card(zoneId);
    if (card.isEmpty()) {
      page.addObject("missing", zoneId);
      page.setStatus(HttpStatus.NOT_FOUND);
    } else {
      page.addObject("card", card.get());
    }
    return page;
  }

  @GetMapping(path = "/zones/{zoneId}/card/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> qr(@PathVariable String zoneId) throws WriterException, IOException {
    var card = cards.card(zoneId);
    if (card.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    var matrix = new QRCodeWriter().encode(card.get().url(), BarcodeFormat.QR_CODE, 360, 360,
        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
    var png = new ByteArrayOutputStream();
    MatrixToImageWriter.writeToStream(matrix, "PNG", png);
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1))).contentType(MediaType.IMAGE_PNG)
        .body(png.toByteArray());
  }
}
