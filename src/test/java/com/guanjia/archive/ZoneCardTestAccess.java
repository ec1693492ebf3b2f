package com.guanjia.archive;

/** Lets the browser tests read a zone card's QR code as {@link ZoneCardTest} does. */
public final class ZoneCardTestAccess {
  private ZoneCardTestAccess() {}

  public static String decodeQr(int port, String path) throws Exception {
    return ZoneCardTest.decodeQr(port, path);
  }
}
