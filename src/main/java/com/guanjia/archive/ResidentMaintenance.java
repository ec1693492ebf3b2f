package com.guanjia.archive;

import static com.guanjia.process.ProcessContract.VAR_RESIDENT_ID;

import com.guanjia.notification.ResidentPreferences;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.ResidentDetails;
import com.guanjia.web.InvalidFieldException;
import com.guanjia.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The front desk and supervisors keep the resident archive: a resident is added, changed and moves out,
 * with their preferences for messages, in one transaction each; every change is recorded.
 */
@Service
class ResidentMaintenance {
  private final ResidentArchive archive;
  private final ResidentPreferences preferences;

  ResidentMaintenance(ResidentArchive archive, ResidentPreferences preferences) {
    this.archive = archive;
    this.preferences = preferences;
  }

  /** A resident with the preferences kept beside the archive. */
  record View(ResidentDetails resident, String preferredLanguage, String preferredChannel, Optional<String> email,
      Optional<String> wechatOpenId) {}

  @Transactional
  View create(ResidentForm form, String by) {
    String residentId = form.residentId() == null || form.residentId().isBlank() ? archive.newResidentIds(1).get(0)
        : form.residentId();
    if (archive.exists(residentId)) {
      throw new InvalidFieldException(VAR_RESIDENT_ID, "resident " + residentId + " is already in the archive");
    }
    checkUnit(form.unitId(), form.building());
    archive.create(details(residentId, form, null), by);
    keepPreferences(residentId, form);
    return view(residentId);
  }

  @Transactional
  View update(String residentId, ResidentForm form, String by) {
    ResidentDetails before = archive.details(residentId)
        .orElseThrow(() -> new NotFoundException("no resident " + residentId + " in the archive"));
    if (form.residentId() != null && !form.residentId().isBlank() && !form.residentId().equals(residentId)) {
      throw new InvalidFieldException(VAR_RESIDENT_ID, "is " + residentId + " in the address; a resident keeps their id");
    }
    checkUnit(form.unitId(), form.building());
    archive.update(before, details(residentId, form, before.movedOutOn()), by);
    keepPreferences(residentId, form);
    return view(residentId);
  }

  @Transactional
  View moveOut(String residentId, java.time.LocalDate on, String by) {
    ResidentDetails before = archive.details(residentId)
        .orElseThrow(() -> new NotFoundException("no resident " + residentId + " in the archive"));
    if (before.movedInOn() != null && on.isBefore(before.movedInOn())) {
      throw new InvalidFieldException("movedOutOn", "is before the move-in date " + before.movedInOn());
    }
    archive.moveOut(residentId, on, by);
    return view(residentId);
  }

  View view(String residentId) {
    ResidentDetails resident = archive.details(residentId)
        .orElseThrow(() -> new NotFoundException("no resident " + residentId + " in the archive"));
    var preference = preferences.of(residentId);
    return new View(resident, preference.locale().toLanguageTag(), preference.channel(), archive.email(residentId),
        preference.weChatOpenId());
  }

  List<ResidentArchive.Change> changes(String residentId) {
    if (!archive.exists(residentId)) {
      throw new NotFoundException("no resident " + residentId + " in the archive");
    }
    return archive.changes(residentId);
  }

  /** The unit must be in the archive, or is added to the building the form names. */
  private void checkUnit(String unitId, String building) {
    if (archive.unitExists(unitId)) {
      return;
    }
    if (building == null || building.isBlank()) {
      throw new InvalidFieldException("unitId", "no unit " + unitId
          + " in the archive (building-entrance-room, e.g. 1-1-0101); name its building to add it");
    }
    String buildingId = ResidentArchive.buildingNamed(building, archive.buildings())
        .orElseThrow(() -> new InvalidFieldException("building", "no building " + building + " in the archive"));
    archive.addUnit(unitId, buildingId);
  }

  private static ResidentDetails details(String residentId, ResidentForm f, java.time.LocalDate movedOutOn) {
    return new ResidentDetails(residentId, f.unitId(), f.name().strip(), f.phone(),
        f.otherPhones() == null ? List.of() : List.copyOf(f.otherPhones()), f.gender(), f.occupancy(),
        f.household() == null ? List.of() : f.household().stream().map(String::strip).toList(), f.vip(), f.elderly(),
        f.disabled(), f.hardOfHearing(), blankToNull(f.specialNeedsNote()), f.movedInOn(), movedOutOn);
  }

  private void keepPreferences(String residentId, ResidentForm form) {
    if (form.preferredLanguage() != null) {
      preferences.setLocale(residentId, Locale.forLanguageTag(form.preferredLanguage()));
    }
    if (form.preferredChannel() != null) {
      preferences.setChannel(residentId, form.preferredChannel());
    }
    if (form.wechatOpenId() != null) {
      preferences.setWeChatOpenId(residentId, blankToNull(form.wechatOpenId()));
    }
    if (form.email() != null) {
      archive.setEmail(residentId, blankToNull(form.email()));
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
