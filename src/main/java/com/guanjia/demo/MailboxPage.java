package com.guanjia.demo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** {@code /staff/mailbox}: what the demo's mail catcher caught (Tasklist login). */
@Controller
class MailboxPage {
  private final ObjectProvider<MailCatcher> catcher;

  MailboxPage(ObjectProvider<MailCatcher> catcher) {
    this.catcher = catcher;
  }

  @GetMapping("/staff/mailbox")
  ModelAndView show() {
    ModelAndView page = new ModelAndView("mailbox");
    MailCatcher c = catcher.getIfAvailable();
    page.addObject("enabled", c != null);
    page.addObject("mails", c == null ? java.util.List.of() : c.caught());
    return page;
  }
}
