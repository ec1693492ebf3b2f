package com.guanjia.resident;

import com.guanjia.GuanjiaProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/** Encrypts residents' personal data at rest (R10) with AES-GCM; the key comes from configuration. */
@Component
public class PersonalDataCipher {
  private final TextEncryptor encryptor;

  PersonalDataCipher(GuanjiaProperties properties) {
    String key = properties.dataKey();
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(
          "No key for residents' personal data: set GUANJIA_DATA_KEY (or guanjia.data-key); "
              + "the demo profile brings its own.");
    }
    // The salt is derived from the key so that one secret is enough to reopen the archive.
    encryptor = Encryptors.delux(key, salt(key));
  }

  public String encrypt(String plain) {
    return plain == null ? null : encryptor.encrypt(plain);
  }

  public String decrypt(String cipher) {
    return cipher == null ? null : encryptor.decrypt(cipher);
  }

  private static String salt(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("guanjia-resident-archive:" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
