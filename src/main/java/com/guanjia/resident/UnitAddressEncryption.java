package com.guanjia.resident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On start-up, encrypts the units of residents an earlier Guanjia kept in clear (before V13): the archive then holds
 * no resident's home address readable without the data key. Finds nothing to do after the first start.
 */
@Component
@Order(0)
class UnitAddressEncryption implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(UnitAddressEncryption.class);
  private final ResidentArchive archive;

  UnitAddressEncryption(ResidentArchive archive) {
    this.archive = archive;
  }

  @Override
  public void run(ApplicationArguments args) {
    int encrypted = archive.encryptLegacyUnits();
    if (encrypted > 0) {
      LOG.info("Encrypted the units of {} resident(s) kept in clear by an earlier version", encrypted);
    }
  }
}
