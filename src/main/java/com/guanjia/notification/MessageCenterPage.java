package com.guanjia.notification;

import static com.guanjia.process.ProcessContract.VAR_RESIDENT_ID;

import com.guanjia.GuanjiaProperties;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.security.CurrentUser;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * A resident's message center, {@code /residents/{residentId}/messages}: every message delivered to
 * them, newest first, as the staff who work on one of their cases see it (Tasklist login;
 * {@link com.guanjia.security.ResidentReaders}). In the embedded
 * default this is where messages arrive: nothing leaves the machine.
 */
@Controller
class MessageCenterPage {
  private final MessageCenter center;
  private final ResidentArchive residents;
  private final CurrentUser user;
  private final ZoneId zone;

  private final com.guanjia.security.ResidentReaders readers;

  MessageCenterPage(MessageCenter center, ResidentArchive residents, CurrentUser user, GuanjiaProperties properties,
      com.guanjia.security.ResidentReaders readers) {
    this.readers = readers;
    this.center = center;
    this.residents = residents;
    this.user = user;
    this.zone = properties.timeZone();
  }

  @GetMapping("/residents/{residentId}/messages")
  ModelAndView show(@PathVariable String residentId) {
    ModelAndView page = new ModelAndView("messages");
    page.addObject(VAR_RESIDENT_ID, residentId);
    var resident = residents.find(residentId).orElse(null);
    if (resident == null) {
      page.addObject("error", "notfound");
      page.setStatus(HttpStatus.NOT_FOUND);
      return page;
    }
    if (!readers.mayReadMessagesOf(residentId)) {
      page.addObject("error", "forbidden");
      page.setStatus(HttpStatus.FORBIDDEN);
      return page;
    }
    page.addObject("resident", resident);
    page.addObject("entries", shown(center.forResident(residentId)));
    return page;
  }

  /** The signed-in member of staff's messages (theirs and their groups'): new tasks, escalations, reopened cases. */
  @GetMapping("/staff/messages")
  ModelAndView mine() {
    ModelAndView page = new ModelAndView("messages");
    page.addObject("staffName", user.id());
    page.addObject("entries", shown(center.forStaff(user.id(), user.groups())));
    return page;
  }

  /** Entries with their time in the property's time zone. */
  private java.util.List<Shown> shown(java.util.List<MessageCenter.Entry> entries) {
    return entries.stream().map(e -> new Shown(e.requestNo(), e.event(), e.text(),
        e.deliveredAt().atZoneSameInstant(zone).toOffsetDateTime())).toList();
  }

  record Shown(String requestNo, String event, String text, java.time.OffsetDateTime at) {}
}
