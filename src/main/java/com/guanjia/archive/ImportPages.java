package com.guanjia.archive;

import com.guanjia.security.CurrentUser;
import com.guanjia.web.ConflictException;
import com.guanjia.web.FormToken;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * The import page ({@code import.html}) as every staff page that loads a company file uses it: the upload form
 * with the recent imports, the check's progress and report, and "import this file". The page's own controller
 * checks who may and the form's token, then hands the page over with what it imports.
 */
@Component
class ImportPages {
  /** What a page imports and how it speaks of it: the kind, its address, its texts, where "back" goes. */
  record Texts(String kind, String base, String titleKey, String aboutKey, String columnsKey, String homeHref,
      String homeKey, boolean showUnits) {}

  private final ArchiveImports imports;
  private final CurrentUser user;

  ImportPages(ArchiveImports imports, CurrentUser user) {
    this.imports = imports;
    this.user = user;
  }

  /** The upload form. {@code page} is the import view, or the 403 page its controller made. */
  ModelAndView form(ModelAndView page, Texts texts, HttpSession session) {
    if (describe(page, texts).getStatus() == null) {
      page.addObject("token", FormToken.of(session));
      page.addObject("recent", imports.recent(texts.kind()));
    }
    return page;
  }

  /** Starts the check (or the import) of the uploaded file, then shows its report; a wrong file, the form again. */
  ModelAndView start(ModelAndView page, Texts texts, MultipartFile file, boolean dryRun, HttpSession session)
      throws IOException {
    if (describe(page, texts).getStatus() != null) {
      return page;
    }
    String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    if (file == null || file.isEmpty() || !name.toLowerCase(Locale.ROOT).matches(".*\\.(xlsx|csv|txt)")) {
      return again(page, texts, session, HttpStatus.BAD_REQUEST, "请选择一个 .xlsx 或 .csv 文件");
    }
    try {
      var started = imports.start(texts.kind(), name, file.getBytes(), dryRun, user.id());
      return new ModelAndView("redirect:" + texts.base() + "/" + started.importId());
    } catch (ConflictException busy) {
      return again(page, texts, session, HttpStatus.CONFLICT, busy.getMessage());
    }
  }

  /** An import's progress, then its report. */
  ModelAndView report(ModelAndView page, Texts texts, String importId, HttpSession session) {
    if (describe(page, texts).getStatus() == null) {
      page.addObject("token", FormToken.of(session));
      page.addObject("report", imports.report(texts.kind(), importId));
      page.addObject("confirmable", imports.canConfirm(texts.kind(), importId, user.id()));
    }
    return page;
  }

  /** Imports the file a clean check held, then shows the import's report. */
  ModelAndView confirm(ModelAndView page, Texts texts, String importId) {
    if (page.getStatus() != null) {
      return page;
    }
    var started = imports.confirm(texts.kind(), importId, user.id());
    return new ModelAndView("redirect:" + texts.base() + "/" + started.importId());
  }

  private ModelAndView again(ModelAndView page, Texts texts, HttpSession session, HttpStatus status, String problem) {
    page.setStatus(status);
    page.addObject("token", FormToken.of(session));
    page.addObject("recent", imports.recent(texts.kind()));
    page.addObject("fileError", problem);
    return page;
  }

  private static ModelAndView describe(ModelAndView page, Texts texts) {
    page.addObject("base", texts.base());
    page.addObject("titleKey", texts.titleKey());
    page.addObject("aboutKey", texts.aboutKey());
    page.addObject("columnsKey", texts.columnsKey());
    page.addObject("homeHref", texts.homeHref());
    page.addObject("homeKey", texts.homeKey());
    page.addObject("showUnits", texts.showUnits());
    return page;
  }
}
