package com.guanjia.web;

import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The token a staff page puts in each of its forms ({@code _token}) and checks when the form comes back: a
 * form posted from another site carries the session cookie but not the token (synchronizer token).
 */
public final class FormToken {
  public static final String FIELD = "_token";
  private static final String ATTRIBUTE = FormToken.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private FormToken() {}

  /** The session's token, made on first use. */
  public static String of(HttpSession session) {
    Object token = session.getAttribute(ATTRIBUTE);
    if (token == null) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      session.setAttribute(ATTRIBUTE, token);
    }
    return (String) token;
  }

  /** Refuses a form whose token is not the session's. */
  public static void check(HttpSession session, String token) {
    Object expected = session.getAttribute(ATTRIBUTE);
    if (expected == null || token == null || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8))) {
      throw new ForbiddenException("the form's token does not match this session: reload the page and send it again");
    }
  }
}
